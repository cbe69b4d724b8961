"""Copies of a model bundle with its model.json edited, for tests that need a bundle a little
unlike the shipped one (a raised threshold, a missing field, a head the device must refuse)."""
import json
import shutil


def edited(source, folder, edit=None):
    """A copy of the bundle folder `source` at `folder` (made, with its parents), its model.json
    changed in place by `edit(meta)` when given. Returns `folder`."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, folder)
    if edit:
        meta = json.loads((folder / 'model.json').read_text())
        edit(meta)
        (folder / 'model.json').write_text(json.dumps(meta))
    return folder
