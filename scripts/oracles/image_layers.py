"""Shared by the image oracles: the wanted files of a docker-archive, layers applied in order.

Independent of Drydock: Python's tarfile reads the archive; whiteouts (`.wh.NAME`) delete what the
layers below put at NAME.
"""

import json
import os
import tarfile


def merged_files(image_path, wanted):
    """Returns {path: bytes} for the regular files named in `wanted`, as the top layer sees them."""
    outer = tarfile.open(image_path, "r:*")
    manifest = json.load(outer.extractfile("manifest.json"))[0]
    files = {}
    for layer_name in manifest["Layers"]:
        layer = tarfile.open(fileobj=outer.extractfile(layer_name), mode="r:*")
        for member in layer:
            name = member.name.lstrip("./")
            base = os.path.basename(name)
            if base.startswith(".wh."):
                target = os.path.join(os.path.dirname(name), base[4:])
                for key in list(files):
                    if key == target or key.startswith(target + "/"):
                        del files[key]
                continue
            if name in wanted and member.isfile():
                files[name] = layer.extractfile(member).read()
    return files
