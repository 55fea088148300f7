/* rpc.c - JSON-RPC over Content-Length framing, as LSP sends it.
 *
 * Design notes
 * - A message is headers, a blank line and a body of Content-Length
 *   bytes.  Header lines may end in "\r\n" (the protocol) or "\n" (what a
 *   hand-written client sends): both are taken.  Other headers
 *   (Content-Type) are ignored.
 * - Bad input never stops the reader.  A header block without a valid
 *   Content-Length is dropped with an error; bytes that are not a header
 *   (what a wrong Content-Length leaves behind) are skipped up to the next
 *   "Content-Length:" with one error; a body that is not JSON is an error
 *   the server answers with ParseError; a body larger than LSP_MAX_MESSAGE
 *   is discarded as it arrives, never held.
 * - JSON is Jansson's, with NUL allowed in strings (a document may hold
 *   one; the checker reports it).
 */
#include "lsp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void lsp_reader_init(lsp_reader *r)
{
    memset(r, 0, sizeof *r);
}

void lsp_reader_free(lsp_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

void lsp_reader_feed(lsp_reader *r, const char *data, size_t n)
{
    if (r->skip) {
        size_t k = n < r->skip ? n : r->skip;
        r->skip -= k;
        data += k;
        n -= k;
    }
    if (!n)
        return;
    if (r->pos && r->pos == r->len) {
        r->pos = r->len = 0;
    } else if (r->pos > (1u << 20) && r->pos * 2 > r->len) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->len + n + 1 > r->cap) {
        while (r->len + n + 1 > r->cap)
            r->cap = r->cap ? r->cap * 2 : 65536;
        r->buf = jy_xrealloc(r->buf, r->cap);
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
}

/* The end of the line starting at p (before its "\r\n" or "\n"), and where
 * the next starts; false when the line is not complete. */
static bool line_at(const lsp_reader *r, size_t p, size_t *end, size_t *next)
{
    const char *nl = memchr(r->buf + p, '\n', r->len - p);
    if (!nl)
        return false;
    size_t e = (size_t)(nl - r->buf);
    *next = e + 1;
    if (e > p && r->buf[e - 1] == '\r')
        e--;
    *end = e;
    return true;
}

static bool is_header_line(const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s)
        return false;
    for (const char *q = s; q < colon; q++)
        if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-'))
            return false;
    return true;
}

/* Skips to the next "Content-Length:"; without one, drops every complete
 * line and keeps an incomplete last line (it may be a header arriving).
 * Always makes progress: it is called at a complete line that is not a
 * header, or at a header line too long to be one. */
static void resync(lsp_reader *r)
{
    static const char key[] = "Content-Length:";
    size_t k = sizeof key - 1;
    for (size_t p = r->pos + 1; p + k <= r->len; p++)
        if (strncasecmp(r->buf + p, key, k) == 0) {
            r->pos = p;
            return;
        }
    const char *nl = memrchr(r->buf + r->pos, '\n', r->len - r->pos);
    r->pos = nl ? (size_t)(nl - r->buf) + 1 : r->len;
}

lsp_read_result lsp_reader_next(lsp_reader *r, json_t **msg, char *errbuf, size_t errlen, bool *parse_error)
{
    *msg = NULL;
    *parse_error = false;
    /* Blank lines between messages are tolerated. */
    for (;;) {
        size_t end, next;
        if (r->pos >= r->len || !line_at(r, r->pos, &end, &next))
            break;
        if (end != r->pos)
            break;
        r->pos = next;
    }
    if (r->pos >= r->len)
        return LSP_READ_MORE;

    /* The header block. */
    size_t p = r->pos, end, next;
    long long length = -1;
    bool bad = false;
    for (;;) {
        if (!line_at(r, p, &end, &next)) {
            if (r->len - r->pos > 8192) {   /* no header is that long */
                snprintf(errbuf, errlen, "header line too long; skipped");
                resync(r);
                return LSP_READ_ERROR;
            }
            return LSP_READ_MORE;
        }
        if (end == p)
            break;   /* the blank line */
        const char *s = r->buf + p;
        size_t n = end - p;
        if (!is_header_line(s, n)) {
            snprintf(errbuf, errlen, "bytes that are not a message header; skipped to the next message");
            resync(r);
            return LSP_READ_ERROR;
        }
        if (n > 15 && strncasecmp(s, "Content-Length:", 15) == 0) {
            const char *q = s + 15, *e = s + n;
            while (q < e && (*q == ' ' || *q == '\t'))
                q++;
            long long v = 0;
            const char *digits = q;
            while (q < e && *q >= '0' && *q <= '9' && v < (1LL << 40))
                v = v * 10 + (*q++ - '0');
            while (q < e && (*q == ' ' || *q == '\t'))
                q++;
            if (q == digits || q != e)
                bad = true;
            else
                length = v;
        }
        p = next;
    }
    size_t body = next;
    if (bad || length < 0) {
        r->pos = body;
        snprintf(errbuf, errlen, "a message without a valid Content-Length header; skipped");
        return LSP_READ_ERROR;
    }
    if ((size_t)length > LSP_MAX_MESSAGE) {
        size_t have = r->len - body;
        if (have >= (size_t)length) {
            r->pos = body + (size_t)length;
        } else {
            r->skip = (size_t)length - have;
            r->pos = r->len;
        }
        snprintf(errbuf, errlen, "a message of %lld bytes (the limit is %zu MiB); skipped", length,
                 LSP_MAX_MESSAGE >> 20);
        return LSP_READ_ERROR;
    }
    if (r->len - body < (size_t)length)
        return LSP_READ_MORE;
    r->pos = body + (size_t)length;

    json_error_t jerr;
    json_t *v = json_loadb(r->buf + body, (size_t)length, JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
    if (!v) {
        snprintf(errbuf, errlen, "a message that is not JSON: %s (at byte %d)", jerr.text, jerr.position);
        *parse_error = true;
        return LSP_READ_ERROR;
    }
    *msg = v;
    return LSP_READ_MESSAGE;
}

bool lsp_write(int fd, json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body)
        return false;
    size_t n = strlen(body);
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    bool ok = true;
    const char *parts[2] = { head, body };
    size_t lens[2] = { (size_t)h, n };
    for (int i = 0; i < 2 && ok; i++) {
        size_t done = 0;
        while (done < lens[i]) {
            ssize_t w = write(fd, parts[i] + done, lens[i] - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                ok = false;
                break;
            }
            done += (size_t)w;
        }
    }
    free(body);
    return ok;
}
