# The link rule of the index benchmark, added to the top-level Makefile's
# variables and library without editing it:
#   make -f Makefile -f bench/index_bench.mk build/index_bench
build/index_bench: bench/index_bench.c build/release/libdj.a
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) $(REL_LDFLAGS) $< build/release/libdj.a $(LIBS) -o $@
