/* logmel.h: streaming log-mel spectrogram, the appliance's front end. Header-only C99.
 *
 * int16 PCM goes in through logmel_push() in chunks of any size; every `hop` samples a frame of
 * `n_fft` samples is windowed (periodic Hann), transformed (real FFT), turned into power
 * (re^2 + im^2), summed through a sparse mel filterbank and converted to dB
 * (10*log10(max(x, 1e-10)), librosa.power_to_db(ref=1.0)). Finished frames wait in a queue of
 * `max_frames` until logmel_pop() takes them. The numbers match librosa's
 * melspectrogram(center=False, power=2.0) on audio scaled by 1/32768.
 *
 * The caller supplies all memory: logmel_memory_size() says how much, logmel_init() carves it up
 * and precomputes every table once. No malloc, no libm (sin/cos/log/exp below are our own, so the
 * CPython extension, the MicroPython native module and firmware all compute identical numbers;
 * build with -ffp-contract=off so no compiler fuses multiply-adds differently on one of them).
 * Every function returns LOGMEL_OK or an error code; logmel_error_text() explains it.
 */
#ifndef LOGMEL_H
#define LOGMEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum {
    LOGMEL_OK = 0,
    LOGMEL_ERR_NULL,          /* a required pointer is NULL */
    LOGMEL_ERR_NFFT,          /* n_fft is not a power of two in 256..2048 */
    LOGMEL_ERR_HOP,           /* hop outside 1..n_fft */
    LOGMEL_ERR_NMELS,         /* n_mels outside 1..n_fft/2+1 */
    LOGMEL_ERR_SAMPLE_RATE,   /* sample_rate not positive */
    LOGMEL_ERR_FMIN,          /* fmin negative or not below fmax */
    LOGMEL_ERR_FMAX,          /* fmax above Nyquist */
    LOGMEL_ERR_NORM,          /* norm is neither none nor slaney */
    LOGMEL_ERR_MAX_FRAMES,    /* max_frames outside 1..1024 */
    LOGMEL_ERR_MEMORY,        /* the memory given is too small or not 4-byte aligned */
    LOGMEL_ERR_FULL,          /* the push would complete more frames than the queue holds */
    LOGMEL_ERR_EMPTY,         /* no frame is ready */
    LOGMEL_ERR_OUT_LENGTH     /* the output holds fewer than n_mels values */
} LogMelError;

enum { LOGMEL_NORM_NONE = 0, LOGMEL_NORM_SLANEY = 1 };

typedef struct {
    float sample_rate;
    int32_t n_fft;
    int32_t hop;
    int32_t n_mels;
    float fmin;
    float fmax;
    int32_t htk;         /* 1: HTK mel scale, 0: Slaney (librosa's default) */
    int32_t norm;        /* LOGMEL_NORM_NONE or LOGMEL_NORM_SLANEY */
    int32_t max_frames;  /* finished frames that can wait for logmel_pop() */
} LogMelConfig;

typedef struct {
    LogMelConfig config;
    int32_t quarter;        /* n_fft/4: sine table covers one quarter turn */
    int32_t fill;           /* samples in `samples` */
    int32_t head;           /* oldest ready frame in `queue` */
    int32_t ready;          /* frames in `queue` */
    float *sine;            /* sin(2*pi*k/n_fft), k = 0..n_fft/4 */
    float *work;            /* n_fft floats: windowed frame, FFT in place, then power */
    int16_t *samples;       /* the last n_fft samples (fewer while filling) */
    uint16_t *band_start;   /* first FFT bin of each mel band */
    uint16_t *band_length;  /* nonzero weights of each mel band */
    float *weights;         /* the nonzero filterbank weights, band after band */
    float *queue;           /* max_frames x n_mels dB values, a ring */
} LogMel;

#define LOGMEL_AMIN 1e-10f
/* 10*log10(2): dB = LOGMEL_DB_PER_OCTAVE * log2(power) */
#define LOGMEL_DB_PER_OCTAVE 3.0102999566398120f

static inline const char *
logmel_error_text(LogMelError err)
{
    switch (err) {
    case LOGMEL_OK: return "ok";
    case LOGMEL_ERR_NULL: return "missing pointer";
    case LOGMEL_ERR_NFFT: return "n_fft must be a power of two from 256 to 2048";
    case LOGMEL_ERR_HOP: return "hop must be from 1 to n_fft";
    case LOGMEL_ERR_NMELS: return "n_mels must be from 1 to n_fft/2+1 (the FFT bins)";
    case LOGMEL_ERR_SAMPLE_RATE: return "sample_rate must be positive";
    case LOGMEL_ERR_FMIN: return "fmin must be >= 0 and below fmax";
    case LOGMEL_ERR_FMAX: return "fmax must not exceed sample_rate/2 (Nyquist)";
    case LOGMEL_ERR_NORM: return "norm must be None or 'slaney'";
    case LOGMEL_ERR_MAX_FRAMES: return "max_frames must be from 1 to 1024";
    case LOGMEL_ERR_MEMORY: return "state memory too small or misaligned";
    case LOGMEL_ERR_FULL: return "push would complete more frames than max_frames: pop() first or push fewer samples";
    case LOGMEL_ERR_EMPTY: return "no frame ready";
    case LOGMEL_ERR_OUT_LENGTH: return "output must hold n_mels values";
    }
    return "unknown error";
}

/* ---- Math without libm. Table building runs once, in double; the hot path uses float. ---- */

#define LOGMEL_PI 3.14159265358979323846
#define LOGMEL_LN2 0.69314718055994530942

/* sin(x) for |x| <= pi/4, Taylor series: the last term left out is below 1e-19. */
static inline double
logmel__sin_small(double x)
{
    const double x2 = x * x;
    double term = x, sum = x;
    for (int i = 1; i <= 9; i++) {
        term *= -x2 / ((2 * i) * (2 * i + 1));
        sum += term;
    }
    return sum;
}

static inline double
logmel__cos_small(double x)
{
    const double x2 = x * x;
    double term = 1.0, sum = 1.0;
    for (int i = 1; i <= 9; i++) {
        term *= -x2 / ((2 * i - 1) * (2 * i));
        sum += term;
    }
    return sum;
}

/* sin(2*pi*k/n) for 0 <= k <= n/4: a quarter turn, folded at the eighth. */
static inline double
logmel__sin_turn(int32_t k, int32_t n)
{
    if (8 * k <= n) {
        return logmel__sin_small(2.0 * LOGMEL_PI * k / n);
    }
    return logmel__cos_small(2.0 * LOGMEL_PI * (n / 4 - k) / n);
}

/* Natural log for x > 0: x = m * 2^e with m in [sqrt(.5), sqrt(2)), ln m = 2 atanh(s). */
static inline double
logmel__ln(double x)
{
    int e = 0;
    while (x >= 1.4142135623730951) { x *= 0.5; e++; }
    while (x < 0.7071067811865476) { x *= 2.0; e--; }
    const double s = (x - 1.0) / (x + 1.0), s2 = s * s;
    double term = s, sum = 0.0;
    for (int i = 0; i < 14; i++) {  /* |s| < 0.172: s^29/29 is below 1e-23 */
        sum += term / (2 * i + 1);
        term *= s2;
    }
    return 2.0 * sum + e * LOGMEL_LN2;
}

/* e^x: x = k*ln2 + r with |r| <= ln2/2, Taylor series for e^r. */
static inline double
logmel__exp(double x)
{
    int k = (int)(x / LOGMEL_LN2 + (x < 0 ? -0.5 : 0.5));
    const double r = x - k * LOGMEL_LN2;
    double term = 1.0, sum = 1.0;
    for (int i = 1; i < 20; i++) {
        term *= r / i;
        sum += term;
    }
    for (; k > 0; k--) sum *= 2.0;
    for (; k < 0; k++) sum *= 0.5;
    return sum;
}

/* log2 in float for the hot path: exponent bits plus a short atanh series for the mantissa,
 * accurate to about 1e-7 in log2 (1e-6 dB). x must be a positive normal float. */
static inline float
logmel__log2f(float x)
{
    union { float f; uint32_t u; } v;
    v.f = x;
    int32_t e = (int32_t)((v.u >> 23) & 0xff) - 127;
    v.u = (v.u & 0x7fffffu) | 0x3f800000u;
    float m = v.f;
    if (m > 1.41421356f) { m *= 0.5f; e += 1; }
    const float s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    const float series = 1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 * (1.0f / 9))));
    return (float)e + 2.8853900817779268f * s * series;  /* 2/ln(2) */
}

/* ---- Mel scale, as librosa.hz_to_mel / mel_to_hz ---- */

#define LOGMEL_SLANEY_F_SP (200.0 / 3)
#define LOGMEL_SLANEY_MIN_LOG_HZ 1000.0
#define LOGMEL_SLANEY_MIN_LOG_MEL 15.0   /* 1000 Hz / F_SP */
#define LOGMEL_SLANEY_LOGSTEP 0.06875177742094912  /* ln(6.4) / 27 */

static inline double
logmel__hz_to_mel(double hz, int htk)
{
    if (htk) {
        return 2595.0 * logmel__ln(1.0 + hz / 700.0) / logmel__ln(10.0);
    }
    if (hz >= LOGMEL_SLANEY_MIN_LOG_HZ) {
        return LOGMEL_SLANEY_MIN_LOG_MEL + logmel__ln(hz / LOGMEL_SLANEY_MIN_LOG_HZ) / LOGMEL_SLANEY_LOGSTEP;
    }
    return hz / LOGMEL_SLANEY_F_SP;
}

static inline double
logmel__mel_to_hz(double mel, int htk)
{
    if (htk) {
        return 700.0 * (logmel__exp(mel / 2595.0 * logmel__ln(10.0)) - 1.0);
    }
    if (mel >= LOGMEL_SLANEY_MIN_LOG_MEL) {
        return LOGMEL_SLANEY_MIN_LOG_HZ * logmel__exp(LOGMEL_SLANEY_LOGSTEP * (mel - LOGMEL_SLANEY_MIN_LOG_MEL));
    }
    return LOGMEL_SLANEY_F_SP * mel;
}

/* Centre frequency of mel point i of n_mels+2, evenly spaced in mel between fmin and fmax. */
static inline double
logmel__mel_point(const LogMelConfig *c, int32_t i)
{
    const double lo = logmel__hz_to_mel(c->fmin, c->htk), hi = logmel__hz_to_mel(c->fmax, c->htk);
    return logmel__mel_to_hz(lo + (hi - lo) * i / (c->n_mels + 1), c->htk);
}

/* Weight of FFT bin k in band b, as librosa.filters.mel computes it (before norm). */
static inline double
logmel__weight(const LogMelConfig *c, const double *points, int32_t k)
{
    const double f = (double)k * c->sample_rate / c->n_fft;
    const double lower = (f - points[0]) / (points[1] - points[0]);
    const double upper = (points[2] - f) / (points[2] - points[1]);
    const double w = lower < upper ? lower : upper;
    return w > 0.0 ? w : 0.0;
}

/* First bin and count of nonzero weights of band b; weights are one triangle, so contiguous. */
static inline void
logmel__band_span(const LogMelConfig *c, int32_t b, double *points, int32_t *start, int32_t *length)
{
    for (int i = 0; i < 3; i++) {
        points[i] = logmel__mel_point(c, b + i);
    }
    const int32_t bins = c->n_fft / 2 + 1;
    int32_t k = 0;
    while (k < bins && logmel__weight(c, points, k) <= 0.0) k++;
    *start = k;
    while (k < bins && logmel__weight(c, points, k) > 0.0) k++;
    *length = k - *start;
}

/* ---- Set-up ---- */

static inline LogMelError
logmel_check_config(const LogMelConfig *c)
{
    if (!c) return LOGMEL_ERR_NULL;
    if (c->n_fft < 256 || c->n_fft > 2048 || (c->n_fft & (c->n_fft - 1))) return LOGMEL_ERR_NFFT;
    if (c->hop < 1 || c->hop > c->n_fft) return LOGMEL_ERR_HOP;
    if (c->n_mels < 1 || c->n_mels > c->n_fft / 2 + 1) return LOGMEL_ERR_NMELS;
    if (!(c->sample_rate > 0.0f)) return LOGMEL_ERR_SAMPLE_RATE;
    if (!(c->fmax <= c->sample_rate / 2)) return LOGMEL_ERR_FMAX;
    if (!(c->fmin >= 0.0f && c->fmin < c->fmax)) return LOGMEL_ERR_FMIN;
    if (c->norm != LOGMEL_NORM_NONE && c->norm != LOGMEL_NORM_SLANEY) return LOGMEL_ERR_NORM;
    if (c->max_frames < 1 || c->max_frames > 1024) return LOGMEL_ERR_MAX_FRAMES;
    return LOGMEL_OK;
}

/* Bytes of memory logmel_init() needs besides the LogMel struct itself. */
static inline LogMelError
logmel_memory_size(const LogMelConfig *c, size_t *size)
{
    const LogMelError err = logmel_check_config(c);
    if (err != LOGMEL_OK) return err;
    if (!size) return LOGMEL_ERR_NULL;
    size_t n_weights = 0;
    double points[3];
    for (int32_t b = 0; b < c->n_mels; b++) {
        int32_t start, length;
        logmel__band_span(c, b, points, &start, &length);
        n_weights += (size_t)length;
    }
    const size_t n = (size_t)c->n_fft;
    size_t bytes = sizeof(float) * (n / 4 + 1);                           /* sine */
    bytes += sizeof(float) * n;                                            /* work */
    bytes += sizeof(int16_t) * n;                                          /* samples */
    bytes += 2 * sizeof(uint16_t) * (size_t)c->n_mels;                     /* band spans */
    bytes = (bytes + 3) & ~(size_t)3;
    bytes += sizeof(float) * n_weights;                                    /* weights */
    bytes += sizeof(float) * (size_t)c->n_mels * (size_t)c->max_frames;    /* queue */
    *size = bytes;
    return LOGMEL_OK;
}

/* Total state in bytes: the struct plus its memory. */
static inline LogMelError
logmel_state_size(const LogMelConfig *c, size_t *size)
{
    const LogMelError err = logmel_memory_size(c, size);
    if (err == LOGMEL_OK) *size += sizeof(LogMel);
    return err;
}

static inline LogMelError
logmel_init(LogMel *s, const LogMelConfig *c, void *memory, size_t size)
{
    size_t needed;
    LogMelError err = logmel_memory_size(c, &needed);
    if (err != LOGMEL_OK) return err;
    if (!s || !memory) return LOGMEL_ERR_NULL;
    if (size < needed || ((uintptr_t)memory & 3)) return LOGMEL_ERR_MEMORY;

    const int32_t n = c->n_fft;
    s->config = *c;
    s->quarter = n / 4;
    s->fill = 0;
    s->head = 0;
    s->ready = 0;
    /* Floats first, then the int16 and uint16 arrays, so everything stays aligned. */
    uint8_t *p = (uint8_t *)memory;
    s->sine = (float *)p;           p += sizeof(float) * (size_t)(n / 4 + 1);
    s->work = (float *)p;           p += sizeof(float) * (size_t)n;
    s->samples = (int16_t *)p;      p += sizeof(int16_t) * (size_t)n;
    s->band_start = (uint16_t *)p;  p += sizeof(uint16_t) * (size_t)c->n_mels;
    s->band_length = (uint16_t *)p; p += sizeof(uint16_t) * (size_t)c->n_mels;
    p = (uint8_t *)(((uintptr_t)p + 3) & ~(uintptr_t)3);
    s->weights = (float *)p;

    for (int32_t k = 0; k <= n / 4; k++) {
        s->sine[k] = (float)logmel__sin_turn(k, n);
    }
    /* Audio is scaled by 1/32768 before the FFT in librosa and the real-FFT split below doubles
     * both halves: powers of two, folded exactly into the weights (2^-30 * 2^-2). */
    const double scale = 1.0 / 4294967296.0;
    float *w = s->weights;
    double points[3];
    for (int32_t b = 0; b < c->n_mels; b++) {
        int32_t start, length;
        logmel__band_span(c, b, points, &start, &length);
        s->band_start[b] = (uint16_t)start;
        s->band_length[b] = (uint16_t)length;
        const double norm = c->norm == LOGMEL_NORM_SLANEY ? 2.0 / (points[2] - points[0]) : 1.0;
        for (int32_t k = start; k < start + length; k++) {
            /* librosa rounds the filterbank to float32 before scaling power by it */
            *w++ = (float)((double)(float)(logmel__weight(c, points, k) * norm) * scale);
        }
    }
    s->queue = w;
    return LOGMEL_OK;
}

/* Frames that pushing n more samples would complete. */
static inline int32_t
logmel__frames_in(const LogMel *s, size_t n)
{
    const size_t total = (size_t)s->fill + n;
    if (total < (size_t)s->config.n_fft) return 0;
    const size_t frames = (total - (size_t)s->config.n_fft) / (size_t)s->config.hop + 1;
    return frames > 1024 * 1024 ? 1024 * 1024 : (int32_t)frames;
}

/* ---- The frame pipeline ---- */

/* cos and sin of 2*pi*k/n_fft for 0 <= k <= n_fft/2, from the quarter-turn table. */
static inline float
logmel__cos(const LogMel *s, int32_t k)
{
    return k <= s->quarter ? s->sine[s->quarter - k] : -s->sine[k - s->quarter];
}

static inline float
logmel__sin(const LogMel *s, int32_t k)
{
    return k <= s->quarter ? s->sine[k] : s->sine[2 * s->quarter - k];
}

/* Periodic Hann window, 0.5 - 0.5*cos(2*pi*i/n), over the whole frame into `work`. */
static inline void
logmel__window(LogMel *s)
{
    const int32_t q = s->quarter, n = s->config.n_fft;
    const float *sine = s->sine;
    const int16_t *x = s->samples;
    float *out = s->work;
    int32_t i = 0;
    for (; i <= q; i++) out[i] = x[i] * (0.5f - 0.5f * sine[q - i]);
    for (; i <= 2 * q; i++) out[i] = x[i] * (0.5f + 0.5f * sine[i - q]);
    for (; i <= 3 * q; i++) out[i] = x[i] * (0.5f + 0.5f * sine[3 * q - i]);
    for (; i < n; i++) out[i] = x[i] * (0.5f - 0.5f * sine[i - 3 * q]);
}

/* In-place radix-2 complex FFT of n_fft/2 points, interleaved re/im in `work`. The real frame
 * is read as complex pairs (x[2j] + i x[2j+1]): half the size of a complex FFT of the frame. */
static inline void
logmel__fft(LogMel *s)
{
    float *z = s->work;
    const int32_t m = s->config.n_fft / 2;
    for (int32_t i = 1, j = 0; i < m; i++) {
        int32_t bit = m >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            float t = z[2 * i]; z[2 * i] = z[2 * j]; z[2 * j] = t;
            t = z[2 * i + 1]; z[2 * i + 1] = z[2 * j + 1]; z[2 * j + 1] = t;
        }
    }
    for (int32_t size = 2; size <= m; size *= 2) {
        const int32_t half = size / 2, step = 2 * (m / size);  /* twiddle step in n_fft units */
        for (int32_t j = 0; j < half; j++) {
            const float c = logmel__cos(s, j * step), sn = logmel__sin(s, j * step);
            for (int32_t i = j; i < m; i += size) {
                float *a = z + 2 * i, *b = z + 2 * (i + half);
                const float tr = b[0] * c + b[1] * sn;
                const float ti = b[1] * c - b[0] * sn;
                b[0] = a[0] - tr;
                b[1] = a[1] - ti;
                a[0] += tr;
                a[1] += ti;
            }
        }
    }
}

/* Splits the half-size complex FFT into the real frame's spectrum and keeps only its power,
 * 4*|X[k]|^2 for k = 0..n_fft/2, in work[0..n_fft/2]. */
static inline void
logmel__power(LogMel *s)
{
    float *z = s->work;
    const int32_t m = s->config.n_fft / 2;
    const float dc = z[0] + z[1], nyquist = z[0] - z[1];
    z[0] = 4.0f * dc * dc;
    const float top = 4.0f * nyquist * nyquist;
    for (int32_t k = 1; k <= m / 2; k++) {
        float *a = z + 2 * k, *b = z + 2 * (m - k);
        const float er = a[0] + b[0], ei = a[1] - b[1];   /* 2 * even part */
        const float dr = a[0] - b[0], di = a[1] + b[1];   /* 2 * odd part = -i * (dr + i di) */
        const float c = logmel__cos(s, k), sn = logmel__sin(s, k);
        const float tr = c * di - sn * dr;                /* W^k * (di - i dr) */
        const float ti = -c * dr - sn * di;
        const float pr = er + tr, pi = ei + ti, qr = er - tr, qi = -(ei - ti);
        a[0] = pr * pr + pi * pi;
        b[0] = qr * qr + qi * qi;
    }
    for (int32_t k = 1; k < m; k++) z[k] = z[2 * k];
    z[m] = top;
}

/* Mel bands of the power in `work`, in dB, into `out`. */
static inline void
logmel__bands(const LogMel *s, float *out)
{
    const float *w = s->weights, *power = s->work;
    for (int32_t b = 0; b < s->config.n_mels; b++) {
        const float *p = power + s->band_start[b];
        float sum = 0.0f;
        for (int32_t j = 0; j < s->band_length[b]; j++) sum += w[j] * p[j];
        w += s->band_length[b];
        out[b] = LOGMEL_DB_PER_OCTAVE * logmel__log2f(sum > LOGMEL_AMIN ? sum : LOGMEL_AMIN);
    }
}

/* Adds n samples (native-endian int16, any alignment). Completes frames every hop samples once
 * n_fft have arrived. Refuses, consuming nothing, when the queue could not hold the frames. */
static inline LogMelError
logmel_push(LogMel *s, const void *pcm, size_t n, int32_t *ready)
{
    if (!s || (!pcm && n)) return LOGMEL_ERR_NULL;
    if (s->ready + logmel__frames_in(s, n) > s->config.max_frames) return LOGMEL_ERR_FULL;
    const int32_t size = s->config.n_fft, hop = s->config.hop, n_mels = s->config.n_mels;
    const uint8_t *in = (const uint8_t *)pcm;
    while (n > 0) {
        size_t take = (size_t)(size - s->fill);
        if (take > n) take = n;
        memcpy(s->samples + s->fill, in, take * sizeof(int16_t));
        s->fill += (int32_t)take;
        in += take * sizeof(int16_t);
        n -= take;
        if (s->fill == size) {
            logmel__window(s);
            logmel__fft(s);
            logmel__power(s);
            int32_t slot = s->head + s->ready;
            if (slot >= s->config.max_frames) slot -= s->config.max_frames;
            logmel__bands(s, s->queue + (size_t)slot * (size_t)n_mels);
            s->ready++;
            memmove(s->samples, s->samples + hop, sizeof(int16_t) * (size_t)(size - hop));
            s->fill = size - hop;
        }
    }
    if (ready) *ready = s->ready;
    return LOGMEL_OK;
}

/* The oldest ready frame, in dB (float) ... */
static inline LogMelError
logmel_pop(LogMel *s, float *out, size_t length)
{
    if (!s || !out) return LOGMEL_ERR_NULL;
    if (length < (size_t)s->config.n_mels) return LOGMEL_ERR_OUT_LENGTH;
    if (s->ready == 0) return LOGMEL_ERR_EMPTY;
    const float *frame = s->queue + (size_t)s->head * (size_t)s->config.n_mels;
    for (int32_t b = 0; b < s->config.n_mels; b++) out[b] = frame[b];
    s->head = s->head + 1 == s->config.max_frames ? 0 : s->head + 1;
    s->ready--;
    return LOGMEL_OK;
}

/* ... or in centi-dB: round(dB * 100), halves away from zero, saturated to int16. */
static inline LogMelError
logmel_pop_i16(LogMel *s, int16_t *out, size_t length)
{
    if (!s || !out) return LOGMEL_ERR_NULL;
    if (length < (size_t)s->config.n_mels) return LOGMEL_ERR_OUT_LENGTH;
    if (s->ready == 0) return LOGMEL_ERR_EMPTY;
    const float *frame = s->queue + (size_t)s->head * (size_t)s->config.n_mels;
    for (int32_t b = 0; b < s->config.n_mels; b++) {
        const float v = frame[b] * 100.0f;
        out[b] = v >= 32767.0f ? 32767 : v <= -32768.0f ? -32768
               : (int16_t)(v >= 0.0f ? v + 0.5f : v - 0.5f);
    }
    s->head = s->head + 1 == s->config.max_frames ? 0 : s->head + 1;
    s->ready--;
    return LOGMEL_OK;
}

/* Forgets buffered samples and ready frames (e.g. after a gap in the audio). */
static inline LogMelError
logmel_reset(LogMel *s)
{
    if (!s) return LOGMEL_ERR_NULL;
    s->fill = 0;
    s->head = 0;
    s->ready = 0;
    return LOGMEL_OK;
}

#endif /* LOGMEL_H */
