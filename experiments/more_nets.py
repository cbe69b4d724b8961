"""A pair bundle's further nets (round 25), trained on every fold as `earmark train` trained its
first: the recipe's net with its seeds one (two, ...) more (training/model.further_net), each
written as a bundle of its own, then joined into the pair (training/bundle.with_nets). What
`earmark train` with `Recipe.PAIR_NETS` nets makes in one go, without its hour-long
cross-validation per net: the joined bundle keeps the first's metrics.json (one net's).

    .venv/bin/python experiments/more_nets.py --first build/default-r22 --nets 2 \
        --data ../shared/data/train ../shared/data/other ../shared/data/negatives build/sounds \
        --out device/model

(round 25 ran it on the one-net default then at device/model, and on models/psram alike).
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from training import bundle, data   # noqa: E402
from training.cnn import CnnRecipe   # noqa: E402
from training.model import Recipe, further_net   # noqa: E402
from training.teacher import Teacher   # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--first', required=True, help='the pair bundle the nets join')
    ap.add_argument('--nets', type=int, default=2, help='nets in the joined pair')
    ap.add_argument('--data', nargs='+', required=True, help="the first's training folders")
    ap.add_argument('--out', required=True)
    ap.add_argument('--work', default=str(ROOT / 'build' / 'more_nets'),
                    help='where each further net is kept as a bundle (reused when there)')
    args = ap.parse_args()
    first = Path(args.first)
    meta = bundle.read(first)
    if meta.get('more_nets'):
        raise SystemExit('%s already holds %d nets: give it its first alone' % (
            first, 1 + len(meta['more_nets'])))
    CnnRecipe.CHANNELS = tuple(meta['recipe']['net']['channels'])
    clips = data.load(args.data)
    if data.data_hash(clips) != meta['training_data_sha256']:
        raise SystemExit('%s was trained on other data than %s' % (first, ' '.join(args.data)))
    teacher = Teacher()
    if Recipe.as_dict('pair', teacher) != meta['recipe']:
        raise SystemExit("%s's recipe is not this code's: train it again" % first)
    labels = meta['labels']
    folders = []
    for k in range(1, args.nets):
        folder = Path(args.work) / ('%s-%s-net%d' % (first.name, meta['training_data_sha256'][:8],
                                                    k + 1))
        if not (folder / 'model.json').is_file():
            trained = further_net(clips, labels, k, 'further', teacher)
            recipe = Recipe.as_dict('cnn', teacher)
            bundle.write(trained, folder, meta['training_data_sha256'],
                         {'recipe': dict(recipe, seed=recipe['seed'] + k)})
        folders.append(folder)
    print(bundle.with_nets(first, folders, args.out))


if __name__ == '__main__':
    main()
