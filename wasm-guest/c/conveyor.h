/*
 * conveyor.h: the guest side of the Conveyor WASM plugin ABI, version 1 (docs/wasm-abi.md), in C.
 *
 * Build a plugin as a WASI reactor next to conveyor.c:
 *   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--max-memory=67108864 \
 *         -Wl,--strip-debug -I<this folder> -o plugin.wasm plugin.c <this folder>/conveyor.c
 *
 * conveyor.c defines and exports the plumbing every module needs:
 *   cv_abi_version, cv_alloc, cv_dealloc, cv_last_error.
 * Your plugin defines and exports (with CV_EXPORT) cv_describe, cv_configure and what its roles
 * need: cv_transform (and optionally cv_finish), cv_next, cv_write (and optionally cv_commit).
 *
 * The helpers below read NDJSON batches and JSON objects without copying them, and build
 * outputs in a growing buffer that is handed to the host as a packed (ptr << 32 | len) value.
 */
#ifndef CONVEYOR_H
#define CONVEYOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CV_ABI_VERSION 1

/* Exports a function from the module under the given name: CV_EXPORT("cv_next"). */
#define CV_EXPORT(name) __attribute__((export_name(name)))

/* A packed buffer: (ptr << 32) | len. CV_ERROR (0) tells the host to call cv_last_error. */
typedef int64_t cv_packed;
#define CV_ERROR ((cv_packed)0)

/* What cv_configure, cv_write and cv_commit return when all is well. */
#define CV_OK 0

/* ---- returning buffers ---------------------------------------------------------------- */

/* Packs a pointer and a length; the host frees the buffer with cv_dealloc after copying it. */
cv_packed cv_pack(const void *ptr, size_t len);

/* Returns a fresh copy of len bytes (the host frees it); CV_ERROR when out of memory. */
cv_packed cv_return_bytes(const void *data, size_t len);

/* Returns a fresh copy of a NUL-terminated text, such as the self-description. */
cv_packed cv_return_text(const char *text);

/* An empty result that is not an error: the end of a source's stream, a transform that keeps no row. */
cv_packed cv_return_empty(void);

/* ---- errors -------------------------------------------------------------------------- */

/* Sets what cv_last_error returns: {"code": code, "message": <printf-formatted message>}.
 * cv_fail returns CV_ERROR, for the packed exports; cv_fail_status returns -1, for
 * cv_configure, cv_write and cv_commit. */
cv_packed cv_fail(const char *code, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
int cv_fail_status(const char *code, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- text ---------------------------------------------------------------------------- */

/* A span of UTF-8 text inside a buffer; not NUL-terminated. */
typedef struct {
    const char *ptr;
    size_t len;
} cv_str;

cv_str cv_str_of(const char *text);

/* ---- building outputs ---------------------------------------------------------------- */

/* A growing output buffer. After an allocation failure it ignores further appends and
 * cv_buf_return reports E_NOMEM, so callers need not check every append. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    bool out_of_memory;
} cv_buf;

void cv_buf_init(cv_buf *buf, size_t initial_capacity);
void cv_buf_append(cv_buf *buf, const void *data, size_t len);
void cv_buf_append_str(cv_buf *buf, cv_str text);
void cv_buf_append_text(cv_buf *buf, const char *text);
void cv_buf_append_char(cv_buf *buf, char c);
/* Appends text as a JSON string literal, quotes included, escaping what JSON requires. */
void cv_buf_append_json_string(cv_buf *buf, const char *utf8, size_t len);
void cv_buf_append_int64(cv_buf *buf, int64_t value);
/* Appends a double as JavaScript prints it (the shortest digits that read back the same; for a
 * power of two beyond 1e22 or below 1e-7, possibly one digit more), with ".0" added to whole
 * numbers so the host reads the field as a float. NaN and the infinities, which JSON cannot
 * hold, are written as null. */
void cv_buf_append_double(cv_buf *buf, double value);
/* Hands the buffer to the host (it frees it): the packed buffer, or CV_ERROR with E_NOMEM. */
cv_packed cv_buf_return(cv_buf *buf);
void cv_buf_free(cv_buf *buf);

/* ---- reading NDJSON batches ---------------------------------------------------------- */

/* Iterates the lines of a batch. Blank lines are skipped and a trailing '\r' is dropped;
 * number is the 1-based line number of the line last returned, for error messages. */
typedef struct {
    const char *next;
    const char *end;
    size_t number;
} cv_lines;

cv_lines cv_lines_of(const void *batch, size_t len);
bool cv_lines_next(cv_lines *lines, cv_str *line);

/* ---- reading JSON objects ------------------------------------------------------------ */

typedef enum {
    CV_JSON_STRING,
    CV_JSON_NUMBER,
    CV_JSON_TRUE,
    CV_JSON_FALSE,
    CV_JSON_NULL,
    CV_JSON_OBJECT,
    CV_JSON_ARRAY
} cv_json_type;

/* One top-level member of an object, as spans of the original text:
 * key and value are JSON texts (a string key or value keeps its quotes, escapes undecoded);
 * whole covers `"key": value`, ready to be copied into an output row as it is. */
typedef struct {
    cv_str key;
    cv_str value;
    cv_str whole;
    cv_json_type type;
} cv_json_member;

typedef struct {
    const char *pos;
    const char *end;
    bool first;
    bool failed;
} cv_json_members;

/* Starts iterating the members of a JSON object; false if text does not start with '{'. */
bool cv_json_members_begin(cv_json_members *members, cv_str object);
/* The next member; false at the end of the object, or when the text is not valid JSON, in
 * which case members->failed is set. Nested objects and arrays are skipped, not entered. */
bool cv_json_members_next(cv_json_members *members, cv_json_member *member);

/* Finds the member named key (decoded name); false when absent or the object is invalid. */
bool cv_json_find(cv_str object, const char *key, cv_json_member *member);

/* Whether a JSON string literal (quotes included) decodes to exactly text. */
bool cv_json_string_equals(cv_str literal, const char *text, size_t text_len);
/* Whether the member's decoded key is key. */
bool cv_json_key_is(const cv_json_member *member, const char *key);
/* Decodes a JSON string literal into a new NUL-terminated UTF-8 text (free it); NULL when
 * out of memory. Escaped lone surrogates become U+FFFD. */
char *cv_json_string_dup(cv_str literal);

/* A number literal without a fraction or an exponent. */
bool cv_json_number_is_integer(cv_str literal);
/* Reads an integer literal; false if it is not one or does not fit in 64 bits. */
bool cv_json_to_int64(cv_str literal, int64_t *value);
/* Reads any number literal. */
bool cv_json_to_double(cv_str literal, double *value);

const char *cv_json_type_name(cv_json_type type);

#endif
