#!/usr/bin/env node
// One bundled file loads faster than ~100 modules: a cold call is mostly start-up.
import "../dist/src/cli/bin.bundle.mjs";
