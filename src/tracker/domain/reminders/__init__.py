"""Reminders: follow-up rules that make tasks by themselves, and what is due when.

- rules: the rules file (resources/rules/rules.toml), checked whole
- prefs: the person's switches and numbers for the rules, and the other reminder settings
- engine: run_rules(store, now) makes the tasks that came due and closes pointless ones,
  in short transactions, for every application or those a write touched
- making: what the rules owe one page of applications
- actions: what a rule's task offers (they replied, move to Ghosted)
- due: which tasks are due, and when the next one falls due
"""
