"""The officer console: the entry log, alerts, amendments, reports, the registry.

:mod:`.window` is the main window (:class:`~.window.ConsoleWindow`), :mod:`.signin` the
officer/admin sign-in dialog, :mod:`.pages` the page contract and the registry of pages. Each
page is a module of its own (dashboard, alerts_view, presence_view, observation_view,
settings_view, log_view, registry). This package imports none of them itself: importing one
module (the log's table model, say) does not build the whole console.
"""
