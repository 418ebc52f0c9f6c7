#!/usr/bin/env node
require('../out/cli/alibi.js');
