"""One module per capability. Each declares ``CAPABILITY`` (its name in reports and ``--capability``),
``ORDER`` (where it comes in reports) and ``SPECS`` (its tests, `generate.TestSpec`s). The suite finds
them here: a new capability is a new module, nothing else to register (`check.suite.suite_modules`)."""
