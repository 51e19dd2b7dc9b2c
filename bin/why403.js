#!/usr/bin/env node
// The bundled entry (its chunks load per command) starts faster than ~100 modules: a cold call is mostly start-up.
import "../dist/src/cli/bin.bundle.mjs";
