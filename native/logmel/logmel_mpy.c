/* MicroPython binding of logmel.h, as a dynamic native module (.mpy, built by the Makefile here)
 * or as a user C module baked into firmware (micropython.mk / micropython.cmake). Same API as
 * the CPython extension and device/frontend.py; see logmel.pyi.
 *
 * Natmod rules kept: no initialised data (the type and its locals dict are zeroed BSS filled in
 * at import), no libm (logmel.h has its own math), memory from the GC heap: one block holds the
 * object and the core's state. */
#ifdef MICROPY_ENABLE_DYNRUNTIME
#include "py/dynruntime.h"
#else
#include "py/runtime.h"
#include "py/binary.h"
#endif

#include "logmel.h"

#ifdef MICROPY_ENABLE_DYNRUNTIME
/* The compiler may call these for copies; a native module has no libc, MicroPython has them. */
void *memcpy(void *dst, const void *src, size_t n) {
    return mp_fun_table.memmove_(dst, src, n);
}
void *memmove(void *dst, const void *src, size_t n) {
    return mp_fun_table.memmove_(dst, src, n);
}
void *memset(void *s, int c, size_t n) {
    return mp_fun_table.memset_(s, c, n);
}
#define BYTEARRAY_TYPECODE 1
mp_obj_full_type_t logmel_type;
#else
static const mp_obj_type_t logmel_type;
#endif

typedef struct {
    mp_obj_base_t base;
    LogMel core;
    mp_int_t state_size;
    uint32_t memory[];  /* the core's tables, buffers and queue */
} logmel_obj_t;

static void raise_error(LogMelError err) {
#ifdef MICROPY_ENABLE_DYNRUNTIME
    mp_raise_ValueError(logmel_error_text(err));
#else
    /* firmware may compress ROM text, which only works on literals */
    mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("%s"), logmel_error_text(err));
#endif
}

/* Whether a str object holds exactly `text` (no libc in a native module: no strcmp). */
static bool text_equals(mp_obj_t obj, const char *text) {
    size_t len;
    const char *data = mp_obj_str_get_data(obj, &len);
    size_t i = 0;
    while (i < len && text[i] && data[i] == text[i]) {
        i++;
    }
    return i == len && !text[i];
}

enum { ARG_sample_rate, ARG_n_fft, ARG_hop, ARG_n_mels, ARG_fmin, ARG_fmax, ARG_htk, ARG_norm,
       ARG_max_frames, N_ARGS };

/* Keyword arguments matched by hand: mp_arg_t tables are initialised data, which a native
 * module cannot have. */
static mp_obj_t logmel_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw,
                                const mp_obj_t *args) {
    if (n_args > N_ARGS) {
        mp_raise_ValueError(MP_ERROR_TEXT("LogMel takes at most 9 arguments"));
    }
    const qstr names[N_ARGS] = {MP_QSTR_sample_rate, MP_QSTR_n_fft, MP_QSTR_hop, MP_QSTR_n_mels,
                                MP_QSTR_fmin, MP_QSTR_fmax, MP_QSTR_htk, MP_QSTR_norm,
                                MP_QSTR_max_frames};
    mp_obj_t values[N_ARGS];
    for (size_t i = 0; i < N_ARGS; i++) {
        values[i] = i < n_args ? args[i] : MP_OBJ_NULL;
    }
    for (size_t k = 0; k < n_kw; k++) {
        const mp_obj_t key = args[n_args + 2 * k];
        size_t i = 0;
        while (i < N_ARGS && key != MP_OBJ_NEW_QSTR(names[i])) {
            i++;
        }
        if (i == N_ARGS || values[i] != MP_OBJ_NULL) {
            mp_raise_ValueError(MP_ERROR_TEXT("LogMel: unknown or repeated keyword argument"));
        }
        values[i] = args[n_args + 2 * k + 1];
    }
    LogMelConfig config = {16000.0f, 512, 256, 40, 0.0f, 8000.0f, 0, LOGMEL_NORM_SLANEY, 8};
    if (values[ARG_sample_rate]) config.sample_rate = (float)mp_obj_get_float(values[ARG_sample_rate]);
    if (values[ARG_n_fft]) config.n_fft = (int32_t)mp_obj_get_int(values[ARG_n_fft]);
    if (values[ARG_hop]) config.hop = (int32_t)mp_obj_get_int(values[ARG_hop]);
    if (values[ARG_n_mels]) config.n_mels = (int32_t)mp_obj_get_int(values[ARG_n_mels]);
    if (values[ARG_fmin]) config.fmin = (float)mp_obj_get_float(values[ARG_fmin]);
    if (values[ARG_fmax]) config.fmax = (float)mp_obj_get_float(values[ARG_fmax]);
    if (values[ARG_htk]) config.htk = mp_obj_is_true(values[ARG_htk]);
    if (values[ARG_max_frames]) config.max_frames = (int32_t)mp_obj_get_int(values[ARG_max_frames]);
    if (values[ARG_norm]) {
        const mp_obj_t norm = values[ARG_norm];
        if (norm == mp_const_none) {
            config.norm = LOGMEL_NORM_NONE;
        } else if (mp_obj_get_type(norm) != &mp_type_str || !text_equals(norm, "slaney")) {
            raise_error(LOGMEL_ERR_NORM);
        }
    }
    size_t size;
    LogMelError err = logmel_memory_size(&config, &size);
    if (err != LOGMEL_OK) {
        raise_error(err);
    }
    logmel_obj_t *self = mp_obj_malloc_var(logmel_obj_t, memory, uint32_t, (size + 3) / 4, type);
    err = logmel_init(&self->core, &config, self->memory, size);
    if (err != LOGMEL_OK) {
        raise_error(err);
    }
    self->state_size = (mp_int_t)(size + sizeof(LogMel));
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t logmel_obj_push(mp_obj_t self_in, mp_obj_t samples) {
    logmel_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_buffer_info_t buf;
    if (!mp_get_buffer(samples, &buf, MP_BUFFER_READ) ||
        !(buf.typecode == 'h' || buf.typecode == 'B' || buf.typecode == 'b' ||
          buf.typecode == BYTEARRAY_TYPECODE)) {
        mp_raise_ValueError(MP_ERROR_TEXT("samples must be an int16 buffer: array('h') or bytes"));
    }
    if (buf.len % 2) {
        mp_raise_ValueError(MP_ERROR_TEXT("samples: odd number of bytes is not int16 PCM"));
    }
    int32_t ready = 0;
    const LogMelError err = logmel_push(&self->core, buf.buf, buf.len / 2, &ready);
    if (err != LOGMEL_OK) {
        raise_error(err);
    }
    return mp_obj_new_int(ready);
}
static MP_DEFINE_CONST_FUN_OBJ_2(logmel_push_obj, logmel_obj_push);

static mp_obj_t logmel_obj_pop(mp_obj_t self_in, mp_obj_t out) {
    logmel_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_buffer_info_t buf;
    const size_t n_mels = (size_t)self->core.config.n_mels;
    if (!mp_get_buffer(out, &buf, MP_BUFFER_WRITE) ||
        !(buf.typecode == 'f' || buf.typecode == 'h')) {
        mp_raise_ValueError(MP_ERROR_TEXT("out must be a writable array('f') or array('h')"));
    }
    const size_t itemsize = buf.typecode == 'f' ? sizeof(float) : sizeof(int16_t);
    if (buf.len != n_mels * itemsize) {
        raise_error(LOGMEL_ERR_OUT_LENGTH);
    }
    const LogMelError err = buf.typecode == 'f'
        ? logmel_pop(&self->core, (float *)buf.buf, n_mels)
        : logmel_pop_i16(&self->core, (int16_t *)buf.buf, n_mels);
    if (err == LOGMEL_ERR_EMPTY) {
        return mp_const_false;
    }
    if (err != LOGMEL_OK) {
        raise_error(err);
    }
    return mp_const_true;
}
static MP_DEFINE_CONST_FUN_OBJ_2(logmel_pop_obj, logmel_obj_pop);

static mp_obj_t logmel_obj_reset(mp_obj_t self_in) {
    logmel_obj_t *self = MP_OBJ_TO_PTR(self_in);
    logmel_reset(&self->core);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(logmel_reset_obj, logmel_obj_reset);

/* Read-only attributes; methods are found in the locals dict. */
static void logmel_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    logmel_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] != MP_OBJ_NULL) {
        return;
    }
    if (attr == MP_QSTR_state_size) {
        dest[0] = mp_obj_new_int(self->state_size);
    } else if (attr == MP_QSTR_n_mels) {
        dest[0] = mp_obj_new_int(self->core.config.n_mels);
    } else if (attr == MP_QSTR_hop) {
        dest[0] = mp_obj_new_int(self->core.config.hop);
    } else if (attr == MP_QSTR_max_frames) {
        dest[0] = mp_obj_new_int(self->core.config.max_frames);
    } else {
        dest[1] = MP_OBJ_SENTINEL;
    }
}

#ifdef MICROPY_ENABLE_DYNRUNTIME
mp_map_elem_t logmel_locals_dict_table[3];
static MP_DEFINE_CONST_DICT(logmel_locals_dict, logmel_locals_dict_table);

mp_obj_t mpy_init(mp_obj_fun_bc_t *self, size_t n_args, size_t n_kw, mp_obj_t *args) {
    MP_DYNRUNTIME_INIT_ENTRY

    logmel_type.base.type = (void *)&mp_type_type;
    logmel_type.flags = MP_TYPE_FLAG_NONE;
    logmel_type.name = MP_QSTR_LogMel;
    MP_OBJ_TYPE_SET_SLOT(&logmel_type, make_new, logmel_make_new, 0);
    MP_OBJ_TYPE_SET_SLOT(&logmel_type, attr, logmel_attr, 1);
    logmel_locals_dict_table[0] = (mp_map_elem_t) {MP_OBJ_NEW_QSTR(MP_QSTR_push), MP_OBJ_FROM_PTR(&logmel_push_obj)};
    logmel_locals_dict_table[1] = (mp_map_elem_t) {MP_OBJ_NEW_QSTR(MP_QSTR_pop), MP_OBJ_FROM_PTR(&logmel_pop_obj)};
    logmel_locals_dict_table[2] = (mp_map_elem_t) {MP_OBJ_NEW_QSTR(MP_QSTR_reset), MP_OBJ_FROM_PTR(&logmel_reset_obj)};
    MP_OBJ_TYPE_SET_SLOT(&logmel_type, locals_dict, (void *)&logmel_locals_dict, 2);
    mp_store_global(MP_QSTR_LogMel, MP_OBJ_FROM_PTR(&logmel_type));

    MP_DYNRUNTIME_INIT_EXIT
}
#else
static const mp_rom_map_elem_t logmel_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_push), MP_ROM_PTR(&logmel_push_obj)},
    {MP_ROM_QSTR(MP_QSTR_pop), MP_ROM_PTR(&logmel_pop_obj)},
    {MP_ROM_QSTR(MP_QSTR_reset), MP_ROM_PTR(&logmel_reset_obj)},
};
static MP_DEFINE_CONST_DICT(logmel_locals_dict, logmel_locals_dict_table);

static MP_DEFINE_CONST_OBJ_TYPE(
    logmel_type, MP_QSTR_LogMel, MP_TYPE_FLAG_NONE,
    make_new, logmel_make_new,
    attr, logmel_attr,
    locals_dict, &logmel_locals_dict);

static const mp_rom_map_elem_t logmel_module_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_logmel)},
    {MP_ROM_QSTR(MP_QSTR_LogMel), MP_ROM_PTR(&logmel_type)},
};
static MP_DEFINE_CONST_DICT(logmel_module_globals, logmel_module_globals_table);

const mp_obj_module_t logmel_user_cmodule = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t *)&logmel_module_globals,
};
MP_REGISTER_MODULE(MP_QSTR_logmel, logmel_user_cmodule);
#endif
