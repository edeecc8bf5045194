"""Our plugins for Rasa's own process: NLU components, policies, the NLG and tracker store types.

Rasa imports this package for every plugin named in config.yml and endpoints.yml, so the
faster check of action server responses, the indexed rule search, the listed event types and a
shorter GIL switch interval are installed here, once per process that imports it: Rasa's, and
the tests' and reports' own when they load a model.
"""
from bot.rasa_plugins.action_results import install as _install_action_result_check
from bot.rasa_plugins.event_types import install as _install_listed_event_types
from bot.rasa_plugins.rule_lookup import install as _install_indexed_rule_search
from bot.rasa_plugins.thread_switching import install as _install_thread_switching

_install_action_result_check()
_install_indexed_rule_search()
_install_listed_event_types()
_install_thread_switching()
