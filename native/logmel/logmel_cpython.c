/* CPython binding of logmel.h: the `logmel` extension module that training uses, so features on
 * the host are the device's features. Same API as the MicroPython native module and
 * device/frontend.py (see logmel.pyi). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "logmel.h"

typedef struct {
    PyObject_HEAD
    LogMel core;
    void *memory;
    Py_ssize_t state_size;
    int n_mels;
    int hop;
    int max_frames;
} LogMelObject;

static int
raise_error(LogMelError err)
{
    PyErr_SetString(PyExc_ValueError, logmel_error_text(err));
    return -1;
}

static int
LogMel_init(LogMelObject *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"sample_rate", "n_fft", "hop", "n_mels", "fmin", "fmax", "htk",
                            "norm", "max_frames", NULL};
    double sample_rate = 16000, fmin = 0.0, fmax = 8000.0;
    int n_fft = 512, hop = 256, n_mels = 40, htk = 0, max_frames = 8;
    PyObject *norm = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|diiiddpOi", names, &sample_rate, &n_fft,
                                     &hop, &n_mels, &fmin, &fmax, &htk, &norm, &max_frames)) {
        return -1;
    }
    int norm_code = LOGMEL_NORM_SLANEY;
    if (norm == Py_None) {
        norm_code = LOGMEL_NORM_NONE;
    } else if (norm != NULL && !(PyUnicode_Check(norm) &&
                                 PyUnicode_CompareWithASCIIString(norm, "slaney") == 0)) {
        return raise_error(LOGMEL_ERR_NORM);
    }
    const LogMelConfig config = {(float)sample_rate, n_fft, hop, n_mels, (float)fmin,
                                 (float)fmax, htk, norm_code, max_frames};
    size_t size;
    LogMelError err = logmel_memory_size(&config, &size);
    if (err != LOGMEL_OK) return raise_error(err);
    void *memory = PyMem_Malloc(size);
    if (!memory) {
        PyErr_NoMemory();
        return -1;
    }
    err = logmel_init(&self->core, &config, memory, size);
    if (err != LOGMEL_OK) {
        PyMem_Free(memory);
        return raise_error(err);
    }
    PyMem_Free(self->memory);  /* __init__ called again */
    self->memory = memory;
    self->state_size = (Py_ssize_t)(size + sizeof(LogMel));
    self->n_mels = n_mels;
    self->hop = hop;
    self->max_frames = max_frames;
    return 0;
}

static void
LogMel_dealloc(LogMelObject *self)
{
    PyMem_Free(self->memory);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
ready_or_raise(LogMelObject *self)
{
    if (!self->memory) {
        PyErr_SetString(PyExc_ValueError, "LogMel not initialised");
        return 0;
    }
    return 1;
}

/* The one-character struct code of a buffer ("h", "<h", "=h" all mean int16 here). */
static char
buffer_code(const Py_buffer *view)
{
    const char *f = view->format ? view->format : "B";
    if (f[0] == '@' || f[0] == '=' || f[0] == '<') f++;
    return f[1] == '\0' ? f[0] : '?';
}

static PyObject *
LogMel_push(LogMelObject *self, PyObject *samples)
{
    if (!ready_or_raise(self)) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(samples, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "samples must be an int16 buffer: array('h') or bytes");
        return NULL;
    }
    const char code = buffer_code(&view);
    LogMelError err = LOGMEL_OK;
    int32_t ready = 0;
    if (!((code == 'h' && view.itemsize == 2) || code == 'B' || code == 'b')) {
        PyErr_SetString(PyExc_ValueError, "samples must be an int16 buffer: array('h') or bytes");
    } else if (view.len % 2) {
        PyErr_SetString(PyExc_ValueError, "samples: odd number of bytes is not int16 PCM");
    } else {
        err = logmel_push(&self->core, view.buf, (size_t)view.len / 2, &ready);
        if (err != LOGMEL_OK) raise_error(err);
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    return PyLong_FromLong(ready);
}

static PyObject *
LogMel_pop(LogMelObject *self, PyObject *out)
{
    if (!ready_or_raise(self)) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(out, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) < 0) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "out must be a writable array('f') or array('h')");
        return NULL;
    }
    const char code = buffer_code(&view);
    LogMelError err = LOGMEL_OK;
    if (!((code == 'f' && view.itemsize == 4) || (code == 'h' && view.itemsize == 2))) {
        PyErr_SetString(PyExc_ValueError, "out must be a writable array('f') or array('h')");
    } else if (view.len / view.itemsize != self->n_mels) {
        PyErr_Format(PyExc_ValueError, "out must hold n_mels=%d values, not %zd", self->n_mels,
                     view.len / view.itemsize);
    } else if (code == 'f') {
        err = logmel_pop(&self->core, (float *)view.buf, (size_t)self->n_mels);
    } else {
        err = logmel_pop_i16(&self->core, (int16_t *)view.buf, (size_t)self->n_mels);
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    if (err == LOGMEL_ERR_EMPTY) Py_RETURN_FALSE;
    if (err != LOGMEL_OK) return raise_error(err), NULL;
    Py_RETURN_TRUE;
}

static PyObject *
LogMel_reset(LogMelObject *self, PyObject *unused)
{
    if (!ready_or_raise(self)) return NULL;
    logmel_reset(&self->core);
    Py_RETURN_NONE;
}

static PyMethodDef LogMel_methods[] = {
    {"push", (PyCFunction)LogMel_push, METH_O,
     "push(samples) -> frames ready: add int16 PCM (array('h') or bytes) of any length"},
    {"pop", (PyCFunction)LogMel_pop, METH_O,
     "pop(out) -> bool: oldest ready frame into array('f') (dB) or array('h') (centi-dB)"},
    {"reset", (PyCFunction)LogMel_reset, METH_NOARGS,
     "reset(): forget buffered samples and ready frames"},
    {NULL}
};

static PyMemberDef LogMel_members[] = {
    {"state_size", T_PYSSIZET, offsetof(LogMelObject, state_size), READONLY,
     "bytes of state (tables, buffers and queue) the C core uses"},
    {"n_mels", T_INT, offsetof(LogMelObject, n_mels), READONLY, "mel bands per frame"},
    {"hop", T_INT, offsetof(LogMelObject, hop), READONLY, "samples between frames"},
    {"max_frames", T_INT, offsetof(LogMelObject, max_frames), READONLY,
     "ready frames that can wait for pop()"},
    {NULL}
};

static PyTypeObject LogMelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "logmel.LogMel",
    .tp_doc = "LogMel(sample_rate=16000, n_fft=512, hop=256, n_mels=40, fmin=0.0, fmax=8000.0, "
              "htk=False, norm='slaney', max_frames=8): streaming log-mel spectrogram",
    .tp_basicsize = sizeof(LogMelObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)LogMel_init,
    .tp_dealloc = (destructor)LogMel_dealloc,
    .tp_methods = LogMel_methods,
    .tp_members = LogMel_members,
};

static struct PyModuleDef logmel_module = {
    PyModuleDef_HEAD_INIT, "logmel", "Streaming log-mel spectrogram (C core, CPython binding)",
    -1, NULL,
};

PyMODINIT_FUNC
PyInit_logmel(void)
{
    if (PyType_Ready(&LogMelType) < 0) return NULL;
    PyObject *m = PyModule_Create(&logmel_module);
    if (!m) return NULL;
    Py_INCREF(&LogMelType);
    if (PyModule_AddObject(m, "LogMel", (PyObject *)&LogMelType) < 0) {
        Py_DECREF(&LogMelType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
