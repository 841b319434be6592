"""Files the running app reads: icons, and later the playbook and message templates.

Installed as the package ``tracker.resources`` and located with importlib.resources, so the
same code finds them in a source checkout, an installed wheel and a bundle.
"""
