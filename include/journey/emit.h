/* journey/emit.h - output encodings, one home each.
 *
 * Every back end writes text of the map into some format: JSON (export,
 * diff, diagnostics), Markdown (reports, diff), CSV and TSV (reports), XML
 * (the HTML map).  Each encoding is written here once, so that the same
 * text looks the same in every output, and each is safe on any input: the
 * characters a format cannot hold or a reader could act on (control
 * characters, stray bytes) come out escaped or as U+FFFD.  The encoders
 * append to a jy_buf; a jy_sink hands a buffer to a stream in large
 * pieces and remembers the first write error.
 */
#ifndef JOURNEY_EMIT_H
#define JOURNEY_EMIT_H

#include "journey/core.h"

/* ---- UTF-8 ------------------------------------------------------------- */

/* The character at s[*i] (*i < n): its code point, or U+FFFD for a byte
 * that starts no valid sequence (then *valid is false and the byte is
 * skipped alone); *i moves past it.  valid may be NULL. */
uint32_t jy_utf8_next(const char *s, size_t n, size_t *i, bool *valid);

/* ---- a buffered output stream ------------------------------------------ */

typedef struct {
    FILE *out;
    jy_buf b;                  /* what is not yet written */
    int err;                   /* errno of the first failed write, or 0 */
    bool failed;
} jy_sink;

void jy_sink_init(jy_sink *k, FILE *out);
/* Writes the buffer once it holds 64 KiB or more: call between items. */
void jy_sink_maybe_flush(jy_sink *k);
/* Writes what is left, flushes the stream and frees the buffer: 0, or -1
 * when any write failed (k->err says why when the stream did). */
int jy_sink_close(jy_sink *k);

/* ---- JSON ---------------------------------------------------------------- */

/* A JSON string, quotes included: '"' and '\' escaped, control characters
 * (C0, DEL, C1) as \n, \r, \t or \u00XX, U+2028 and U+2029 as \u escapes
 * (so the text is also a JavaScript string), valid UTF-8 kept as it is,
 * a stray byte as \ufffd. */
void jy_json_string(jy_buf *b, const char *s, size_t n);
static inline void jy_json_str(jy_buf *b, jy_str s) { jy_json_string(b, s.s, s.n); }
/* The same JSON string, safe inside an HTML <script> element (the data of
 * the HTML map): '<', '>' and '&' also as \u escapes, so that no text can
 * close the element ("</script>") or open a comment ("<!--"). */
void jy_json_script_string(jy_buf *b, const char *s, size_t n);
/* A JSON integer. */
void jy_json_int(jy_buf *b, long long v);

/* ---- base64 ---------------------------------------------------------------- */

/* Bytes as base64 (RFC 4648, with '=' padding): a data: URL's payload. */
void jy_base64(jy_buf *b, const void *p, size_t n);

/* ---- Markdown ------------------------------------------------------------ */

/* Text as literal Markdown (GitHub-flavoured, inline: a table cell or a
 * list item): every ASCII punctuation character that can start or end
 * markup is escaped with '\' (\ ` * _ [ ] < > | ~ & $ # !), '@' is followed
 * by a zero-width space entity so that no one is mentioned, a line break
 * (LF, CR LF or CR) is <br>, a tab a space, and a control character or
 * stray byte U+FFFD. */
void jy_markdown_text(jy_buf *b, const char *s, size_t n);

/* ---- CSV and TSV --------------------------------------------------------- */

/* One CSV field (RFC 4180, LF line ends): quoted when it holds ',', '"' or
 * a line break, with '"' doubled.  CR LF and a lone CR become LF; other
 * control characters but the tab, and stray bytes, become U+FFFD. */
void jy_csv_field(jy_buf *b, const char *s, size_t n);
/* One TSV field (IANA text/tab-separated-values: no field may hold a tab
 * or a line break, and there is no quoting): a tab is written \t, a line
 * break \n (CR LF and CR too), a backslash \\; other control characters
 * and stray bytes become U+FFFD. */
void jy_tsv_field(jy_buf *b, const char *s, size_t n);

/* ---- XML ----------------------------------------------------------------- */

/* Text for XML 1.0 (and HTML) content or a quoted attribute value: & < >
 * " ' as entities; every character XML forbids (C0 but tab, LF and CR;
 * U+FFFE, U+FFFF, surrogates) and every stray byte as U+FFFD, so that the
 * document stays well-formed whatever the text holds. */
void jy_xml_text(jy_buf *b, const char *s, size_t n);

#endif
