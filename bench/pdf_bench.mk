# The link rule of the document benchmark (issue 18), added to the top-level Makefile's
# variables and library without editing it:
#   make -f Makefile -f bench/pdf_bench.mk build/pdf_bench
build/pdf_bench: bench/pdf_bench.c build/release/libdj.a
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) $(REL_LDFLAGS) $< build/release/libdj.a $(LIBS) -o $@
