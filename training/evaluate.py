"""Fold-grouped evaluation: every score comes from windows of folds the model never trained on,
and only from real recordings (augmented and synthetic sounds train, never score)."""
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from tqdm import tqdm

from . import distil
from .folds import SPLITS, splits
from .mixes import Mixes, choose_threshold, scored_scenes
from .model import Recipe, Trained, calibrate, decide
from .windows import Windows


def category(clip):
    """The label, or for `other` the kind of sound (its sub-folder: cat, vacuum_cleaner...)."""
    return 'other/' + Path(clip.path).parent.name if clip.label == 'other' else clip.label


def cross_validate(clips, labels, n=SPLITS, learner=None, teacher=None):
    """Out-of-fold scores, embeddings and baseline features for every sounding window of every
    real clip."""
    split = splits(clips, n)
    index = {id(c): i for i, c in enumerate(clips)}
    parts, scenes = [], []
    for k in tqdm(range(n), desc='folds', unit='fold'):
        train = [c for c, s in zip(clips, split) if s != k]
        test = [c for c, s in zip(clips, split) if s == k]
        assert not {c.fold for c in train} & {c.fold for c in test}
        trained = Trained(train, labels, desc='fold %d' % (k + 1), learner=learner,
                          teacher=teacher)
        W = Windows(test, labels, desc='fold %d test' % (k + 1))
        base = trained.windows.X.astype(np.float64)
        scores, embedding = trained.predict(W.P)
        parts.append({
            'scores': scores, 'y': W.y,
            'embedding': embedding.astype(np.float64),
            'raw': (W.X - base.mean(0)) / (base.std(0) + 1.0),
            'clip': np.array([index[id(test[i])] for i in W.clip], dtype=int),
            'split': np.full(len(W.y), k)})
        if teacher is not None:   # for how far the device's neighbours agree with the teacher's
            parts[-1]['teacher'] = distil.window_embeddings(teacher, W)
        scenes += scored_scenes(lambda P: trained.predict(P, door=True)[0], test, labels, k,
                                Mixes.EVAL_SCENES)
    cv = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    cv['scenes'] = scenes
    return cv


def event_similarity(vectors, clip_ids):
    """(clip ids, cosine similarity between them): an event is a clip, the mean of its windows'
    vectors."""
    ids = np.unique(clip_ids)
    E = np.array([vectors[clip_ids == i].mean(0) for i in ids])
    E = E / (np.linalg.norm(E, axis=1, keepdims=True) + 1e-12)
    return ids, E @ E.T


def precision_at_5(vectors, clip_ids, clips, split, relevance=lambda c: c.label):
    """Events are clips (mean of their windows); each is queried against the other events of its
    test fold, excluding clips from the same source recording."""
    ids, sim = event_similarity(vectors, clip_ids)
    hits = []
    for a, i in enumerate(ids):
        ok = [b for b, j in enumerate(ids) if split[b] == split[a] and
              clips[j].source != clips[i].source]
        best = sorted(ok, key=lambda b: -sim[a, b])[:5]
        if len(best) == 5:
            hits.append(np.mean([relevance(clips[ids[b]]) == relevance(clips[i]) for b in best]))
    return float(np.mean(hits))


def neighbour_agreement(vectors, reference, clip_ids, clips, split, k=5):
    """Share of each event's k nearest events (as precision_at_5 finds them) that are also its
    k nearest by the `reference` vectors (the teacher's embedding)."""
    ids, a_sim = event_similarity(vectors, clip_ids)
    _, b_sim = event_similarity(reference, clip_ids)
    shares = []
    for a, i in enumerate(ids):
        ok = np.array([b for b, j in enumerate(ids) if split[b] == split[a] and
                       clips[j].source != clips[i].source])
        if len(ok) >= k:
            mine = set(ok[np.argsort(-a_sim[a, ok])[:k]])
            theirs = set(ok[np.argsort(-b_sim[a, ok])[:k]])
            shares.append(len(mine & theirs) / k)
    return float(np.mean(shares))


def metrics(cv, clips, labels, learner=None, teacher=None):
    y, scores = cv['y'], cv['scores']
    thresholds = calibrate(scores, y, labels)
    plain = scores.argmax(1)
    tuned = decide(scores, thresholds, labels)
    p, r, f, support = precision_recall_fscore_support(y, plain, labels=range(len(labels)),
                                                       zero_division=0)
    # Clip level: mean votes over the clip's sounding windows.
    ids = np.unique(cv['clip'])
    clip_scores = np.array([scores[cv['clip'] == i].mean(0) for i in ids])
    clip_y = np.array([y[cv['clip'] == i][0] for i in ids])
    clip_split = np.array([cv['split'][cv['clip'] == i][0] for i in ids])
    # Open set: `other` windows a model calls a doorbell or dog bark after thresholds.
    other = labels.index('other')
    is_other = y == other
    kinds = np.array([category(clips[i]) for i in cv['clip']])
    confident = defaultdict(Counter)
    for kind, pred in zip(kinds[is_other], tuned[is_other]):
        if pred != other:
            confident[kind][labels[pred]] += 1
    watch = {}
    for kind, wrong in (('other/cat', 'dog_bark'), ('other/vacuum_cleaner', 'dog_bark'),
                        ('other/church_bells', 'doorbell'), ('other/clock_alarm', 'doorbell')):
        n = int((kinds == kind).sum())
        if n:
            watch['%s as %s' % (kind[6:], wrong)] = round(confident[kind][wrong] / n, 3)
    event_threshold, on_scenes = choose_threshold(cv['scenes'], labels)
    return {
        'labels': labels,
        'windows': int(len(y)), 'clips': int(len(ids)),
        'per_class': {l: {'precision': round(float(p[i]), 3), 'recall': round(float(r[i]), 3),
                          'f1': round(float(f[i]), 3), 'windows': int(support[i])}
                      for i, l in enumerate(labels)},
        'macro_f1': round(float(f1_score(y, plain, average='macro')), 4),
        'macro_f1_thresholded': round(float(f1_score(y, tuned, average='macro')), 4),
        'clip_macro_f1': round(float(f1_score(clip_y, clip_scores.argmax(1), average='macro')), 4),
        'accuracy': round(float((plain == y).mean()), 4),
        'confusion': confusion_matrix(y, plain, labels=range(len(labels))).tolist(),
        'thresholds': thresholds,
        # The segmenter's threshold for opening an event, chosen on out-of-fold scenes (what it
        # scored there is optimistic by that choice).
        'event_threshold': event_threshold,
        'scenes': on_scenes and {k: on_scenes[k] for k in (
            'event_f1_200ms', 'event_f1_1s', 'segment_f1_1s', 'event_precision_1s',
            'event_recall_1s')},
        'open_set': {'other_windows_given_a_label': round(float((tuned[is_other] != other).mean()), 3),
                     'watch': watch},
        'retrieval_p5': round(precision_at_5(cv['embedding'], cv['clip'], clips, clip_split), 4),
        'retrieval_p5_raw_baseline': round(precision_at_5(cv['raw'], cv['clip'], clips,
                                                          clip_split), 4),
        'retrieval_p5_by_kind': round(precision_at_5(cv['embedding'], cv['clip'], clips,
                                                     clip_split, category), 4),
        'retrieval_p5_by_kind_raw_baseline': round(precision_at_5(
            cv['raw'], cv['clip'], clips, clip_split, category), 4),
        'retrieval_teacher_agreement': round(neighbour_agreement(
            cv['embedding'], cv['teacher'], cv['clip'], clips, clip_split), 4)
        if 'teacher' in cv else None,
        'recipe': Recipe.as_dict(learner, teacher),
        'splits': SPLITS,
    }


def confusion_png(m, path, title='Fold-grouped confusion'):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    cm = np.array(m['confusion'], dtype=float)
    norm = cm / np.maximum(cm.sum(1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.imshow(norm, cmap='Blues', vmin=0, vmax=1)
    labels = m['labels']
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha='right')
    ax.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if cm[i, j]:
                ax.text(j, i, int(cm[i, j]), ha='center', va='center', fontsize=7,
                        color='white' if norm[i, j] > 0.5 else 'black')
    ax.set_xlabel('predicted')
    ax.set_ylabel('true')
    ax.set_title('%s, 1 s windows (macro-F1 %.3f)' % (title, m['macro_f1']), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def report(m, device, bundle_bytes, path, png_name):
    rows = ['| label | precision | recall | F1 | windows |', '|---|---|---|---|---|']
    for l in m['labels']:
        c = m['per_class'][l]
        rows.append('| %s | %.3f | %.3f | %.3f | %d |' % (l, c['precision'], c['recall'],
                                                          c['f1'], c['windows']))
    watch = '\n'.join('- %s: %.1f %% of windows' % (k, 100 * v)
                      for k, v in m['open_set']['watch'].items())
    text = '''# Earmark model evaluation

Fold-grouped cross-validation (%(splits)d splits by the manifest `fold` column, never by clip):
each model scores only windows of folds it never trained on, and only real recordings
(augmented and synthetic doorbells train, never score). %(windows)d sounding 1 s windows from
%(clips)d clips.

| measure | value |
|---|---|
| macro-F1, windows, top vote | **%(macro_f1).3f** |
| macro-F1, windows, calibrated thresholds (tuned on these same folds: optimistic) | %(macro_f1_thresholded).3f |
| macro-F1, clips (mean of window votes) | %(clip_macro_f1).3f |
| accuracy, windows | %(accuracy).3f |
| retrieval P@5, int8 embedding | **%(retrieval_p5).3f** |
| retrieval P@5, raw features (baseline) | %(retrieval_p5_raw_baseline).3f |
| retrieval P@5 by kind of sound (other split into its 20 kinds), embedding / raw | %(retrieval_p5_by_kind).3f / %(retrieval_p5_by_kind_raw_baseline).3f |
| `other` windows given one of the ten labels (after thresholds) | %(open)s |
''' % dict(m, open='%.1f %%' % (100 * m['open_set']['other_windows_given_a_label']))
    if m.get('scenes'):
        text += ('| out-of-fold scenes (%d x %.0f min): event F1 @200 ms / @1 s, segment F1 1 s, '
                 'at event threshold %.2f (chosen there: optimistic) | %.3f / %.3f / %.3f |\n'
                 % (m['splits'] * Mixes.EVAL_SCENES, Mixes.MINUTES, m['event_threshold'],
                    m['scenes']['event_f1_200ms'], m['scenes']['event_f1_1s'],
                    m['scenes']['segment_f1_1s']))
    text += '''| bundle size | %d bytes |
| learner runs in | %s |
| per-window inference (features + scores + embedding; a net's layers are its features) in %s | %.2f ms (%.2f + %.2f + %.2f) |
| heap: model loaded / per window | %d / %d bytes (of a %d byte heap) |

![confusion matrix](%s)

## Per class (windows, top vote)
%s

## Open set: sounds that are none of the ten
%s

Retrieval: each clip is an event (mean of its windows' int8 embeddings, cosine similarity),
queried against the other events of its test fold, never against takes of the same source
recording. The baseline ranks the same events by their standardised summary features.
''' % (bundle_bytes, device['evaluator'], device['runtime'], device['ms_window'],
       device['ms_features'], device['ms_scores'], device['ms_embed'], device['heap_model'],
       device['heap_window'], device['heap_total'], png_name, '\n'.join(rows), watch)
    Path(path).write_text(text)
