"""Our plugins for Rasa's own process: NLU components, policies, the NLG and tracker store types.

Rasa imports this package for every plugin named in config.yml and endpoints.yml, so the
faster check of action server responses is installed here, once per Rasa process.
"""
from bot.rasa_plugins.action_results import install as _install_action_result_check

_install_action_result_check()
