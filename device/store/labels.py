"""Personal labels: the household's own names for its sounds ("our doorbell"), given by a
personal head (device/personal.py) to each new event or by hand, kept as the store's custom
labels in store.json and as PERSONAL edits, the model's label beside. Imported at the first use:
a store with no personal sounds never loads it."""
import similar
import storefile

from . import layout, read, write


def put(s, ident, embedding):
    """Puts a new event (its embedding, as stored) to the personal head; after the event is on
    flash, so a cut here leaves it with its generic label, no loss."""
    found = s.personal.match(similar.signed(similar.normalise(embedding, s.dim)))
    if found:
        try:
            write.edit(s, ident, layout.PERSONAL, add_label(s, found[0]) + 1)
        except (OSError, ValueError) as exc:
            s.report('personal label of event %d not stored: %s' % (ident, exc))


def set_personal(s, head, text=None):
    """Puts `head` (personal.Head, or None: no personal sounds) to the events from now on;
    `text` (or its pieces: storefile.replace) is kept beside the store (written new, then
    switched) so it survives a restart."""
    s.writable()
    if head is None:
        storefile.remove(s.root + layout.HEAD)
    else:
        for label, _, _ in head.sounds:
            add_label(s, label)
        storefile.replace(s.root + layout.HEAD, text)
    s.personal = head


def label_personal(s, ident, name):
    """Gives an event a personal label (a custom one; '' takes it away)."""
    write.edit(s, ident, layout.PERSONAL, add_label(s, name) + 1 if name else 0)
    return read.get(s, ident)


MAX_CUSTOM = 32


def add_label(s, name):
    """The index of a personal label among the store's custom labels, added if new (both
    copies of store.json written again: new, then switched, as at every change)."""
    if name in s.custom:
        return s.custom.index(name)
    if name in s.labels or len(s.custom) >= MAX_CUSTOM:
        raise ValueError('label %r is a model label or one too many' % (name,))
    s.writable()
    s.custom.append(name)
    from . import opening   # store.json's reader and writer (dropped at the next reopen)
    cfg = opening.read_config(s)
    try:
        opening.save(s, None, cfg['centroids'] if cfg else None)
    except OSError:
        s.custom.pop()
        raise
    return len(s.custom) - 1
