"""The hostile-input suite (issue 11): every command, every input channel, one row per case.

``cases_inputs.py`` (data files and folders) and ``cases_commands.py`` (standard input,
options, shapes, servers, writes) hold the table; ``harness.py`` runs a row and checks it;
``test_hostile.py`` turns the table into one pytest test per row.
"""
