/*
 * conveyor_arrow.h: batches as Arrow IPC streams, for C modules that declare "format":"arrow"
 * (docs/wasm-abi.md). Build it next to conveyor.c.
 *
 * The host passes each batch as an Arrow IPC stream: a schema message, one record batch, the
 * end-of-stream marker. cv_arrow_read gives the batch's columns as pointers into those bytes,
 * without copying them. cv_arrow_take builds the output a filter returns: the rows it keeps,
 * with the input's schema; its columns point into the new buffer, so values may still be changed
 * in place before cv_arrow_return hands it to the host.
 *
 * Read: flat columns of the types whose buffers are a validity bitmap plus fixed-width values
 * (integers, floats, dates, times, timestamps, durations, decimals, fixed-size binary), plus
 * bool, utf8 and binary. Nested, dictionary-encoded and compressed data is refused.
 */
#ifndef CONVEYOR_ARROW_H
#define CONVEYOR_ARROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conveyor.h"

#define CV_ARROW_MAX_COLUMNS 256

typedef enum {
    CV_ARROW_FIXED, /* width bytes per value */
    CV_ARROW_BOOL,  /* one bit per value */
    CV_ARROW_UTF8   /* int32 offsets into data; binary too */
} cv_arrow_layout;

typedef struct {
    cv_str name;             /* points into the schema message */
    cv_arrow_layout layout;
    bool binary;             /* CV_ARROW_UTF8: the values are bytes, not text */
    int32_t width;           /* CV_ARROW_FIXED: bytes per value */
    int64_t null_count;
    const uint8_t *validity; /* NULL when every value is set */
    uint8_t *values;         /* fixed-width values, the bits of a bool, or the bytes of utf8 */
    int32_t *offsets;        /* CV_ARROW_UTF8: length + 1 offsets into values */
} cv_arrow_column;

typedef struct {
    const uint8_t *schema_message; /* the input's schema message, copied into outputs as it is */
    size_t schema_message_len;
    int64_t length;                /* rows */
    int32_t column_count;
    cv_arrow_column columns[CV_ARROW_MAX_COLUMNS];
} cv_arrow_batch;

/* Reads the schema and the first record batch (none: length 0) of an Arrow IPC stream. False,
 * with cv_last_error set (code E_DATA), when it is not a stream this helper reads. */
bool cv_arrow_read(const void *stream, size_t len, cv_arrow_batch *batch);

/* The index of the column called name, or -1. */
int32_t cv_arrow_column_index(const cv_arrow_batch *batch, const char *name);

bool cv_arrow_is_null(const cv_arrow_column *column, int64_t row);

/* The bytes of a utf8 or binary value (empty for a null). */
cv_str cv_arrow_utf8_value(const cv_arrow_column *column, int64_t row);

/* An output batch under construction: the stream's bytes and its columns. */
typedef struct {
    uint8_t *data;
    size_t len;
    cv_arrow_batch batch;
} cv_arrow_output;

/* The rows of input where keep[row] is non-zero, with the input's schema. False, with
 * cv_last_error set (E_NOMEM), when out of memory. */
bool cv_arrow_take(const cv_arrow_batch *input, const uint8_t *keep, cv_arrow_output *output);

/* Hands the output's stream to the host, which frees it. */
cv_packed cv_arrow_return(cv_arrow_output *output);

#endif
