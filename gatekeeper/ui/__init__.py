"""The Qt desktop front end. Qt is imported only below this package and in gatekeeper/app.py.

Widgets get what they need passed in (callables, plain values); they never build services,
databases or translators themselves: gatekeeper.app does that.
"""
