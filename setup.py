"""Which packages Khabar ships; metadata, dependencies and entry points are in setup.cfg,
the data files each package carries in MANIFEST.in.

Every package of indexer/ and searchapp/ (data folders too: setuptools treats a folder of
data as a namespace package), and the top-level templates/ and static/ folders installed
as the packages searchapp.web.templates and searchapp.web.static, so that an installed
Khabar finds its pages through its own package (searchapp/web/app.py).
"""

from setuptools import find_namespace_packages, setup

WEB_FOLDERS = {"searchapp.web.templates": "templates", "searchapp.web.static": "static"}


def folder_packages(package, folder):
    """'searchapp.web.static', 'static' -> that package and one per sub-folder (….static.fonts)."""
    return [package, *(f"{package}.{sub}" for sub in find_namespace_packages(where=folder))]


CODE_PACKAGES = find_namespace_packages(
    include=["indexer", "indexer.*", "searchapp", "searchapp.*"]
)
WEB_PACKAGES = [name for item in WEB_FOLDERS.items() for name in folder_packages(*item)]

setup(packages=CODE_PACKAGES + WEB_PACKAGES, package_dir=WEB_FOLDERS)
