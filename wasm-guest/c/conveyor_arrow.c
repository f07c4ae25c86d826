/* conveyor_arrow.c: the Arrow IPC stream helpers declared in conveyor_arrow.h.
 *
 * Messages are flatbuffers (Arrow's format/Message.fbs and Schema.fbs); the few tables read
 * here are walked by hand: a table starts with the signed offset back to its vtable, whose
 * entries give each field's offset within the table (0: absent, the default applies). */
#include "conveyor_arrow.h"

#include <stdlib.h>
#include <string.h>

#define CONTINUATION 0xFFFFFFFFu
#define HEADER_SCHEMA 1
#define HEADER_RECORD_BATCH 3
#define METADATA_V5 4

/* Type ids of the union Type in Schema.fbs */
enum {
    TYPE_INT = 2, TYPE_FLOAT = 3, TYPE_BINARY = 4, TYPE_UTF8 = 5, TYPE_BOOL = 6, TYPE_DECIMAL = 7,
    TYPE_DATE = 8, TYPE_TIME = 9, TYPE_TIMESTAMP = 10, TYPE_FIXED_SIZE_BINARY = 15, TYPE_DURATION = 18
};

/* ---- reading flatbuffers -------------------------------------------------------------- */

typedef struct {
    const uint8_t *base; /* the flatbuffer's first byte */
    size_t len;
} fb;

/* WebAssembly is little-endian, as flatbuffers and Arrow are: a memcpy is one unaligned load. */
static uint16_t u16_at(const uint8_t *p) { uint16_t v; memcpy(&v, p, sizeof v); return v; }
static uint32_t u32_at(const uint8_t *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }
static int64_t i64_at(const uint8_t *p) { int64_t v; memcpy(&v, p, sizeof v); return v; }

/* The position of a table's field id, or 0 when the field is absent or out of bounds. */
static size_t field_at(fb buf, size_t table, int id) {
    if (table + 4 > buf.len) return 0;
    size_t vtable = table - (size_t)(int32_t)u32_at(buf.base + table);
    if (vtable + 4 > buf.len) return 0;
    uint16_t vtable_len = u16_at(buf.base + vtable);
    size_t entry = 4 + 2 * (size_t)id;
    if (entry + 2 > vtable_len) return 0;
    uint16_t offset = u16_at(buf.base + vtable + entry);
    return offset == 0 || table + offset >= buf.len ? 0 : table + offset;
}

/* Follows the offset stored in a table's field id: the table, vector or string it points to, or 0. */
static size_t deref(fb buf, size_t table, int id) {
    size_t field = field_at(buf, table, id);
    if (field == 0 || field + 4 > buf.len) return 0;
    size_t target = field + u32_at(buf.base + field);
    return target < buf.len ? target : 0;
}

static int64_t scalar(fb buf, size_t table, int id, int size, int64_t absent) {
    size_t field = field_at(buf, table, id);
    if (field == 0 || field + (size_t)size > buf.len) return absent;
    switch (size) {
    case 1: return buf.base[field];
    case 2: return (int16_t)u16_at(buf.base + field);
    case 4: return (int32_t)u32_at(buf.base + field);
    default: return i64_at(buf.base + field);
    }
}

static uint32_t vector_length(fb buf, size_t vector) {
    return vector == 0 || vector + 4 > buf.len ? 0 : u32_at(buf.base + vector);
}

/* ---- reading messages ----------------------------------------------------------------- */

typedef struct {
    fb metadata;         /* the Message flatbuffer */
    size_t message;      /* the Message table */
    const uint8_t *body; /* the bytes after the metadata */
    int64_t body_len;
    size_t total_len;    /* the whole encapsulated message, body included */
} ipc_message;

/* Reads the encapsulated message at p; false at the end-of-stream marker or on malformed bytes. */
static bool next_message(const uint8_t *p, size_t left, ipc_message *m) {
    if (left < 8) return false;
    size_t prefix = 4;
    uint32_t metadata_len = u32_at(p);
    if (metadata_len == CONTINUATION) {
        metadata_len = u32_at(p + 4);
        prefix = 8;
    }
    if (metadata_len == 0 || prefix + metadata_len > left) return false;
    m->metadata = (fb){p + prefix, metadata_len};
    m->message = u32_at(m->metadata.base);
    m->body = p + prefix + metadata_len;
    m->body_len = scalar(m->metadata, m->message, 3, 8, 0);
    if (m->body_len < 0 || (uint64_t)m->body_len > left - prefix - metadata_len) return false;
    m->total_len = prefix + metadata_len + (size_t)m->body_len;
    return true;
}

static int header_type(const ipc_message *m) { return (int)scalar(m->metadata, m->message, 1, 1, 0); }

/* Sets a column's layout from its Field table; false for a type this helper does not read. */
static bool read_field(fb buf, size_t field, cv_arrow_column *column) {
    memset(column, 0, sizeof *column);
    size_t name = deref(buf, field, 0);
    column->name = (cv_str){name ? (const char *)buf.base + name + 4 : "", vector_length(buf, name)};
    if (deref(buf, field, 4) != 0 || vector_length(buf, deref(buf, field, 5)) != 0) return false;
    size_t type = deref(buf, field, 3);
    column->layout = CV_ARROW_FIXED;
    switch (scalar(buf, field, 2, 1, 0)) {
    case TYPE_INT: column->width = (int32_t)scalar(buf, type, 0, 4, 0) / 8; break;
    case TYPE_FLOAT: column->width = 2 << scalar(buf, type, 0, 2, 0); break;
    case TYPE_DECIMAL: column->width = (int32_t)scalar(buf, type, 2, 4, 128) / 8; break;
    case TYPE_DATE: column->width = scalar(buf, type, 0, 2, 1) == 0 ? 4 : 8; break;
    case TYPE_TIME: column->width = (int32_t)scalar(buf, type, 1, 4, 32) / 8; break;
    case TYPE_TIMESTAMP:
    case TYPE_DURATION: column->width = 8; break;
    case TYPE_FIXED_SIZE_BINARY: column->width = (int32_t)scalar(buf, type, 0, 4, 0); break;
    case TYPE_BOOL: column->layout = CV_ARROW_BOOL; column->width = 0; return true;
    case TYPE_UTF8:
    case TYPE_BINARY:
        column->layout = CV_ARROW_UTF8;
        column->binary = scalar(buf, field, 2, 1, 0) == TYPE_BINARY;
        column->width = 0;
        return true;
    default: return false;
    }
    return column->width > 0;
}

/* Sets the last error (E_DATA) and returns false. */
static bool refused(const char *message) {
    cv_fail("E_DATA", "%s", message);
    return false;
}

/* Each reader below sets the last error when it returns false. */
static bool read_schema(const ipc_message *m, cv_arrow_batch *batch) {
    size_t schema = deref(m->metadata, m->message, 2);
    size_t fields = deref(m->metadata, schema, 1);
    uint32_t count = vector_length(m->metadata, fields);
    if (schema == 0 || count > CV_ARROW_MAX_COLUMNS) return refused("the Arrow schema cannot be read");
    batch->column_count = (int32_t)count;
    for (uint32_t i = 0; i < count; i++) {
        size_t slot = fields + 4 + 4 * (size_t)i;
        size_t field = slot + u32_at(m->metadata.base + slot);
        if (!read_field(m->metadata, field, &batch->columns[i])) {
            cv_fail("E_DATA", "column '%.*s' has a type the Arrow helper does not read (nested, dictionary "
                    "or unknown)", (int)batch->columns[i].name.len, batch->columns[i].name.ptr);
            return false;
        }
    }
    return true;
}

/* The buffer at index i of a record batch, or NULL when it is empty. */
static uint8_t *body_buffer(const ipc_message *m, size_t buffers, uint32_t i, int64_t *len) {
    const uint8_t *entry = m->metadata.base + buffers + 4 + 16 * (size_t)i;
    int64_t offset = i64_at(entry);
    *len = i64_at(entry + 8);
    if (*len == 0) return NULL;
    if (offset < 0 || *len < 0 || offset + *len > m->body_len) return NULL;
    return (uint8_t *)(uintptr_t)(m->body + offset);
}

static bool read_record_batch(const ipc_message *m, cv_arrow_batch *batch) {
    fb buf = m->metadata;
    size_t record_batch = deref(buf, m->message, 2);
    size_t nodes = deref(buf, record_batch, 1);
    size_t buffers = deref(buf, record_batch, 2);
    if (record_batch == 0 || deref(buf, record_batch, 3) != 0) {
        return refused("the record batch is compressed or missing, which the Arrow helper does not read");
    }
    static const char MISMATCH[] = "the Arrow record batch does not match its schema";
    batch->length = scalar(buf, record_batch, 0, 8, 0);
    uint32_t buffer_count = vector_length(buf, buffers);
    if (vector_length(buf, nodes) != (uint32_t)batch->column_count) return refused(MISMATCH);
    uint32_t next = 0;
    for (int32_t c = 0; c < batch->column_count; c++) {
        cv_arrow_column *column = &batch->columns[c];
        column->null_count = i64_at(buf.base + nodes + 4 + 16 * (size_t)c + 8);
        uint32_t needed = column->layout == CV_ARROW_UTF8 ? 3 : 2;
        if (next + needed > buffer_count) return refused(MISMATCH);
        int64_t len;
        column->validity = body_buffer(m, buffers, next++, &len);
        if (column->null_count == 0) column->validity = NULL;
        if (column->layout == CV_ARROW_UTF8) {
            column->offsets = (int32_t *)body_buffer(m, buffers, next++, &len);
            if (column->offsets == NULL && batch->length > 0) return refused(MISMATCH);
        }
        column->values = body_buffer(m, buffers, next++, &len);
        if (column->null_count > 0 && column->validity == NULL) return refused(MISMATCH);
    }
    return true;
}

bool cv_arrow_read(const void *stream, size_t len, cv_arrow_batch *batch) {
    const uint8_t *p = stream;
    ipc_message m;
    /* only the columns in use are set, by read_field: clearing all of them costs more than a small batch */
    batch->schema_message = NULL;
    batch->schema_message_len = 0;
    batch->length = 0;
    batch->column_count = 0;
    if (!next_message(p, len, &m) || header_type(&m) != HEADER_SCHEMA) {
        return refused("the batch is not an Arrow IPC stream starting with a schema");
    }
    if (!read_schema(&m, batch)) return false;
    batch->schema_message = p;
    batch->schema_message_len = m.total_len;
    size_t at = m.total_len;
    if (!next_message(p + at, len - at, &m)) return true; /* the end-of-stream marker: no rows */
    if (header_type(&m) != HEADER_RECORD_BATCH) {
        return refused("the Arrow stream's second message is not a record batch (dictionaries are not read)");
    }
    return read_record_batch(&m, batch);
}

int32_t cv_arrow_column_index(const cv_arrow_batch *batch, const char *name) {
    size_t len = strlen(name);
    for (int32_t c = 0; c < batch->column_count; c++) {
        const cv_str *column = &batch->columns[c].name;
        if (column->len == len && memcmp(column->ptr, name, len) == 0) return c;
    }
    return -1;
}

static bool bit(const uint8_t *bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

bool cv_arrow_is_null(const cv_arrow_column *column, int64_t row) {
    return column->validity != NULL && !bit(column->validity, row);
}

cv_str cv_arrow_utf8_value(const cv_arrow_column *column, int64_t row) {
    if (cv_arrow_is_null(column, row)) return (cv_str){"", 0};
    int32_t start = column->offsets[row];
    return (cv_str){(const char *)column->values + start, (size_t)(column->offsets[row + 1] - start)};
}

/* ---- writing the output --------------------------------------------------------------- */

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static void put_u16(uint8_t *p, uint16_t v) { memcpy(p, &v, sizeof v); }
static void put_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, sizeof v); }
static void put_i64(uint8_t *p, int64_t v) { memcpy(p, &v, sizeof v); }

/* The byte sizes of a taken column's buffers: validity, then values (or offsets, then data). */
typedef struct {
    size_t sizes[3];
    int count;
} column_buffers;

static column_buffers taken_sizes(const cv_arrow_column *in, const uint8_t *keep, int64_t rows, int64_t kept) {
    column_buffers b = {{(size_t)(kept + 7) / 8, 0, 0}, 2};
    switch (in->layout) {
    case CV_ARROW_FIXED: b.sizes[1] = (size_t)kept * (size_t)in->width; break;
    case CV_ARROW_BOOL: b.sizes[1] = (size_t)(kept + 7) / 8; break;
    case CV_ARROW_UTF8: {
        size_t data = 0;
        for (int64_t r = 0; r < rows; r++) {
            if (keep[r]) data += (size_t)(in->offsets[r + 1] - in->offsets[r]);
        }
        b.sizes[1] = 4 * (size_t)(kept + 1);
        b.sizes[2] = data;
        b.count = 3;
        break;
    }
    }
    return b;
}

/* Copies the kept rows of in into the buffers at body; sets out's pointers to them. */
static void take_column(const cv_arrow_column *in, const uint8_t *keep, int64_t rows, uint8_t *const *buffers,
                        cv_arrow_column *out) {
    *out = *in;
    uint8_t *validity = buffers[0];
    int64_t k = 0, nulls = 0;
    for (int64_t r = 0; r < rows; r++) {
        if (!keep[r]) continue;
        bool valid = !cv_arrow_is_null(in, r);
        if (valid) validity[k >> 3] |= (uint8_t)(1 << (k & 7));
        else nulls++;
        switch (in->layout) {
        case CV_ARROW_FIXED:
            memcpy(buffers[1] + k * in->width, in->values + r * in->width, (size_t)in->width);
            break;
        case CV_ARROW_BOOL:
            if (bit(in->values, r)) buffers[1][k >> 3] |= (uint8_t)(1 << (k & 7));
            break;
        case CV_ARROW_UTF8: {
            int32_t *offsets = (int32_t *)buffers[1];
            int32_t start = in->offsets[r], len = in->offsets[r + 1] - start;
            memcpy(buffers[2] + offsets[k], in->values + start, (size_t)len);
            offsets[k + 1] = offsets[k] + len;
            break;
        }
        }
        k++;
    }
    out->null_count = nulls;
    out->validity = validity;
    if (in->layout == CV_ARROW_UTF8) {
        out->offsets = (int32_t *)buffers[1];
        out->values = buffers[2];
    } else {
        out->values = buffers[1];
    }
}

/*
 * The RecordBatch message's flatbuffer, laid out front to back (every offset points forward):
 *   0 root offset | 4 Message vtable | 16 Message table | 40 RecordBatch vtable |
 *   56 RecordBatch table | 80 nodes vector | buffers vector
 * Scalars sit at offsets aligned to their size; structs in vectors at 8.
 */
static size_t metadata_len(int32_t columns, int32_t buffers) {
    return pad8(88 + 16 * (size_t)columns + 8 + 16 * (size_t)buffers);
}

static void write_metadata(uint8_t *p, int64_t rows, int32_t columns, const int64_t *nodes, int32_t buffer_count,
                           const int64_t *buffers, int64_t body_len) {
    size_t nodes_at = 84, buffers_at = 88 + 16 * (size_t)columns + 4;
    put_u32(p, 16);
    /* Message vtable: version, header_type, header, bodyLength */
    put_u16(p + 4, 12); put_u16(p + 6, 24); put_u16(p + 8, 20); put_u16(p + 10, 22); put_u16(p + 12, 16);
    put_u16(p + 14, 8);
    put_u32(p + 16, 16 - 4);
    put_i64(p + 24, body_len);
    put_u32(p + 32, 56 - 32);
    put_u16(p + 36, METADATA_V5);
    p[38] = HEADER_RECORD_BATCH;
    /* RecordBatch vtable: length, nodes, buffers */
    put_u16(p + 40, 10); put_u16(p + 42, 24); put_u16(p + 44, 8); put_u16(p + 46, 16); put_u16(p + 48, 20);
    put_u32(p + 56, 56 - 40);
    put_i64(p + 64, rows);
    put_u32(p + 72, (uint32_t)(nodes_at - 72));
    put_u32(p + 76, (uint32_t)(buffers_at - 76));
    put_u32(p + nodes_at, (uint32_t)columns);
    for (int32_t c = 0; c < columns; c++) {
        put_i64(p + 88 + 16 * (size_t)c, rows);
        put_i64(p + 88 + 16 * (size_t)c + 8, nodes[c]);
    }
    put_u32(p + buffers_at, (uint32_t)buffer_count);
    for (int32_t i = 0; i < buffer_count; i++) {
        put_i64(p + buffers_at + 4 + 16 * (size_t)i, buffers[2 * i]);
        put_i64(p + buffers_at + 4 + 16 * (size_t)i + 8, buffers[2 * i + 1]);
    }
}

bool cv_arrow_take(const cv_arrow_batch *in, const uint8_t *keep, cv_arrow_output *out) {
    int64_t kept = 0;
    for (int64_t r = 0; r < in->length; r++) kept += keep[r] != 0;
    column_buffers sizes[CV_ARROW_MAX_COLUMNS];
    int32_t buffer_count = 0;
    size_t body_len = 0;
    for (int32_t c = 0; c < in->column_count; c++) {
        sizes[c] = taken_sizes(&in->columns[c], keep, in->length, kept);
        buffer_count += sizes[c].count;
        for (int i = 0; i < sizes[c].count; i++) body_len += pad8(sizes[c].sizes[i]);
    }
    size_t meta_len = metadata_len(in->column_count, buffer_count);
    out->len = in->schema_message_len + 8 + meta_len + body_len + 8;
    out->data = calloc(1, out->len);
    int64_t *spans = malloc(sizeof(int64_t) * 2 * (size_t)(buffer_count > 0 ? buffer_count : 1));
    if (out->data == NULL || spans == NULL) {
        free(out->data);
        free(spans);
        cv_fail("E_NOMEM", "out of memory building an Arrow batch of %zu bytes", out->len);
        return false;
    }
    memcpy(out->data, in->schema_message, in->schema_message_len);
    uint8_t *message = out->data + in->schema_message_len;
    uint8_t *body = message + 8 + meta_len;
    out->batch.schema_message = in->schema_message;
    out->batch.schema_message_len = in->schema_message_len;
    out->batch.column_count = in->column_count;
    out->batch.length = kept;
    int64_t nodes[CV_ARROW_MAX_COLUMNS];
    size_t at = 0;
    int32_t b = 0;
    for (int32_t c = 0; c < in->column_count; c++) {
        uint8_t *buffers[3];
        for (int i = 0; i < sizes[c].count; i++) {
            buffers[i] = body + at;
            spans[2 * b] = (int64_t)at;
            spans[2 * b + 1] = (int64_t)sizes[c].sizes[i];
            at += pad8(sizes[c].sizes[i]);
            b++;
        }
        take_column(&in->columns[c], keep, in->length, buffers, &out->batch.columns[c]);
        nodes[c] = out->batch.columns[c].null_count;
    }
    put_u32(message, CONTINUATION);
    put_u32(message + 4, (uint32_t)meta_len);
    write_metadata(message + 8, kept, in->column_count, nodes, buffer_count, spans, (int64_t)body_len);
    put_u32(body + body_len, CONTINUATION); /* end of stream: a continuation, then length 0 */
    free(spans);
    return true;
}

cv_packed cv_arrow_return(cv_arrow_output *out) {
    cv_packed packed = cv_pack(out->data, out->len);
    out->data = NULL; /* the host owns it now */
    out->len = 0;
    return packed;
}
