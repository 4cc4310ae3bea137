/* qr: a QR code as SVG text (libqrencode), for the sign-in codes the console
 * shows (core/signin).  Pure apart from allocation. */
#ifndef DJ_QR_H
#define DJ_QR_H

#include "util/err.h"

/* The QR code of text (error correction M, 8-bit mode) as a standalone SVG
 * document: black modules on white, a quiet zone of 4 modules, scalable
 * (viewBox in modules).  *out is a new string the caller frees. */
int qr_svg(const char *text, char **out, struct dj_err *err);

#endif
