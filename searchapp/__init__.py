"""Khabar's upper layer: the search core (searchapp.search), the web (searchapp.web), the CLI."""


def __getattr__(name):
    """`searchapp.create_app`, imported when asked for: the CLI and the search core need no Flask."""
    if name == "create_app":
        from searchapp.web.app import create_app

        return create_app
    raise AttributeError(f"module 'searchapp' has no attribute {name!r}")
