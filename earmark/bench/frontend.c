/* Harness for `earmark bench frontend`: streams int16 PCM through the front end's C core or
 * through emlearn's eml_audio_melspectrogram (the baseline), frame by frame as a device would.
 *   frontend logmel|emlearn PCM_FILE SECONDS
 * prints: wall seconds spent in the front end, frames, a checksum of the dB values. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logmel.h"

#include <eml_audio.h>
#include <eml_fft.h>

enum { RATE = 16000, N_FFT = 512, HOP = 256, N_MELS = 40, CHUNK = 1024 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "logmel") && strcmp(argv[1], "emlearn"))) {
        fprintf(stderr, "usage: %s logmel|emlearn PCM_FILE SECONDS\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 1; }
    fseek(f, 0, SEEK_END);
    const long n_pcm = ftell(f) / 2;
    fseek(f, 0, SEEK_SET);
    int16_t *pcm = malloc(sizeof(int16_t) * (size_t)n_pcm);
    if (!pcm || fread(pcm, 2, (size_t)n_pcm, f) != (size_t)n_pcm) { fprintf(stderr, "read failed\n"); return 1; }
    fclose(f);
    const long total = (long)(atof(argv[3]) * RATE);
    if (total > n_pcm) { fprintf(stderr, "only %ld samples in %s\n", n_pcm, argv[2]); return 1; }

    double checksum = 0.0;
    long frames = 0;
    double start = 0.0, elapsed = 0.0;
    if (!strcmp(argv[1], "logmel")) {
        const LogMelConfig config = {RATE, N_FFT, HOP, N_MELS, 0.0f, 8000.0f, 0, LOGMEL_NORM_SLANEY, 8};
        size_t size;
        static LogMel state;
        if (logmel_memory_size(&config, &size) != LOGMEL_OK) return 1;
        void *memory = malloc(size);
        start = now();
        if (logmel_init(&state, &config, memory, size) != LOGMEL_OK) return 1;
        float out[N_MELS];
        for (long i = 0; i < total; i += CHUNK) {
            const long n = total - i < CHUNK ? total - i : CHUNK;
            if (logmel_push(&state, pcm + i, (size_t)n, NULL) != LOGMEL_OK) return 1;
            while (logmel_pop(&state, out, N_MELS) == LOGMEL_OK) {
                checksum += out[0] + out[N_MELS - 1];
                frames++;
            }
        }
        elapsed = now() - start;
    } else {
        static float sin_table[N_FFT / 2], cos_table[N_FFT / 2], frame[N_FFT], temp[N_FFT];
        const EmlFFT fft = {N_FFT / 2, sin_table, cos_table};
        const EmlAudioMel mel = {N_MELS, 0.0f, 8000.0f, N_FFT, RATE};
        start = now();
        if (eml_fft_fill(fft, N_FFT) != EmlOk) return 1;
        for (long i = 0; i + N_FFT <= total; i += HOP) {
            for (int k = 0; k < N_FFT; k++) frame[k] = pcm[i + k] / 32768.0f;
            const EmlVector inout = {frame, N_FFT}, tmp = {temp, N_FFT};
            if (eml_audio_melspectrogram(mel, fft, inout, tmp) != EmlOk) return 1;
            for (int b = 0; b < N_MELS; b++) frame[b] = 10.0f * log10f(frame[b] > 1e-10f ? frame[b] : 1e-10f);
            checksum += frame[0] + frame[N_MELS - 1];
            frames++;
        }
        elapsed = now() - start;
    }
    printf("%.6f %ld %.3f\n", elapsed, frames, checksum);
    free(pcm);
    return 0;
}
