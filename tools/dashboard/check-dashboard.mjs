#!/usr/bin/env node
// Checks a Grafana dashboard (classic JSON model) without Grafana, which cannot be installed here:
//
//  1. schema: the JSON goes into a .ts file as a fresh object literal typed Lit<Dashboard> (Dashboard from
//     @grafana/schema) and `tsc --noEmit --strict` type-checks it. A fresh literal makes unknown keys errors, and
//     Lit<> turns Grafana's TypeScript enums into the string/number literals that JSON holds. Panel `options` and
//     field `custom` are Record<string, unknown> in the schema: panel plugin options are not checked. tsc names the
//     first problem of each object literal: fix it and run again to see the next one in the same object.
//  2. layout: unique panel ids, gridPos inside 24 columns, no overlapping panels, every panel has queries (with the
//     keys and types of a Prometheus query), the datasource is a dashboard variable (never a hard-coded uid),
//     template variables used are defined, units are Grafana unit ids.
//  3. PromQL: template variables are substituted ($host → .*, $__rate_interval → 1m) and every panel query and
//     every query variable is parsed offline with lezer-promql (Prometheus' own grammar for its editor).
//     With PROM_URL=http://host:port each query also runs against that Prometheus; REQUIRE_DATA=1 fails a query
//     with no series, and a legend that names a label no series has.
//
// Usage: node check-dashboard.mjs DASHBOARD.json...   exit 0 all good, 1 problems found (one FAIL line each),
// 2 usage or environment error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';

const here = path.dirname(fileURLToPath(import.meta.url));
const GRID_COLUMNS = 24;

// Grafana's built-in variables that can appear in a Prometheus query, and what stands in for them.
const BUILT_IN_VARIABLES = new Map([
  ['__rate_interval', '1m'],
  ['__interval', '1m'],
  ['__range', '1h'],
  ['__interval_ms', '60000'],
  ['__range_s', '3600'],
  ['__range_ms', '3600000'],
  ['__from', '0'],
  ['__to', '0'],
  ['__dashboard', 'dashboard'],
]);

// Grafana unit ids (public/app/features/... valueFormats categories) that fit host metrics; a unit outside this
// list is most likely a typo ("byte", "seconds"), which Grafana shows as a bare number suffix.
const KNOWN_UNITS = new Set([
  'none', 'short', 'percent', 'percentunit', 'humidity', 'dB', 'hex', 'hex0x', 'sci', 'locale', 'pixel',
  'bytes', 'decbytes', 'bits', 'decbits', 'kbytes', 'deckbytes', 'mbytes', 'decmbytes', 'gbytes', 'decgbytes',
  'tbytes', 'dectbytes', 'pbytes', 'decpbytes',
  'Bps', 'binBps', 'bps', 'binbps', 'KBs', 'KiBs', 'MBs', 'MiBs', 'GBs', 'GiBs', 'pps', 'cps', 'ops', 'reqps',
  'rps', 'wps', 'iops', 'opm', 'rpm', 'wpm', 'cpm',
  'ns', 'µs', 'ms', 's', 'm', 'h', 'd', 'dtdurationms', 'dtdurations', 'dthms', 'dtdhms', 'timeticks', 'clockms',
  'clocks',
  'dateTimeAsIso', 'dateTimeAsIsoNoDateIfToday', 'dateTimeAsUS', 'dateTimeAsUSNoDateIfToday', 'dateTimeAsLocal',
  'dateTimeAsLocalNoDateIfToday', 'dateTimeAsSystem', 'dateTimeFromNow',
  'hertz', 'khertz', 'mhertz', 'ghertz', 'watt', 'kwatt', 'celsius', 'fahrenheit', 'bool', 'bool_yes_no',
  'bool_on_off',
]);

// The schema types a query as Record<string, unknown>: the keys of a Prometheus query, with their JSON types, are
// checked here (Grafana's Prometheus data source, PromQuery).
const PROMETHEUS_QUERY_KEYS = new Map([
  ['refId', 'string'], ['expr', 'string'], ['legendFormat', 'string'], ['instant', 'boolean'], ['range', 'boolean'],
  ['exemplar', 'boolean'], ['format', ['time_series', 'table', 'heatmap']], ['interval', 'string'],
  ['intervalFactor', 'number'], ['step', 'number'], ['hide', 'boolean'], ['editorMode', ['code', 'builder']],
  ['datasource', 'object'], ['queryType', 'string'], ['key', 'string'],
]);

function main(argv) {
  const files = argv.slice(2);
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    console.error('usage: node check-dashboard.mjs DASHBOARD.json...');
    console.error('  PROM_URL=http://127.0.0.1:9090 also runs every query; REQUIRE_DATA=1 fails an empty result');
    return 2;
  }

  const promUrl = process.env.PROM_URL ? process.env.PROM_URL.replace(/\/+$/, '') : null;
  const requireData = process.env.REQUIRE_DATA === '1';
  if (requireData && !promUrl) {
    console.error('REQUIRE_DATA=1 needs PROM_URL');
    return 2;
  }

  return Promise.all(files.map((file) => checkFile(file, promUrl, requireData))).then((results) =>
    results.every((ok) => ok) ? 0 : 1);
}

async function checkFile(file, promUrl, requireData) {
  const problems = [];
  const fail = (message) => problems.push(message);

  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.log(`FAIL ${file}: cannot read: ${error.message}`);
    return false;
  }

  let dashboard;
  try {
    dashboard = JSON.parse(text);
  } catch (error) {
    console.log(`FAIL ${file}: not JSON: ${error.message}`);
    return false;
  }

  checkSchema(text, fail);
  const queries = checkLayout(dashboard, fail);
  checkPromql(queries, fail);
  if (promUrl) {
    await checkLive(queries, promUrl, requireData, fail);
  }

  for (const problem of problems) {
    console.log(`FAIL ${file}: ${problem}`);
  }

  if (problems.length === 0) {
    const panelCount = allPanels(dashboard).filter((p) => p.type !== 'row').length;
    const live = promUrl ? `, run against ${promUrl}${requireData ? ' with data' : ''}` : '';
    console.log(`ok ${file}: ${panelCount} panels, ${queries.length} queries (schema, layout, PromQL${live})`);
  }

  return problems.length === 0;
}

// 1. The schema, by the TypeScript compiler.
function checkSchema(text, fail) {
  const header = [
    "import type { Dashboard } from '@grafana/schema';",
    // String enums become their JSON strings, numeric enums their numbers; objects and arrays are mapped through.
    'type Lit<T> = T extends string ? `${T}`',
    '  : T extends number ? (`${T}` extends `${infer N extends number}` ? N : T)',
    '  : T extends ReadonlyArray<infer U> ? Array<Lit<U>>',
    '  : T extends object ? { [K in keyof T]: Lit<T[K]> }',
    '  : T;',
    'export const dashboard: Lit<Dashboard> =',
  ];
  const source = `${header.join('\n')}\n${text.trimEnd()};\n`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-dashboard-'));
  try {
    fs.symlinkSync(path.join(here, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'dashboard.ts'), source);
    const tsc = path.join(here, 'node_modules', '.bin', 'tsc');
    if (!fs.existsSync(tsc)) {
      fail(`schema: ${tsc} is missing: run \`npm ci\` in ${here}`);
      return;
    }

    const run = spawnSync(tsc, [
      '--noEmit', '--strict', '--pretty', 'false', '--skipLibCheck',
      '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', '',
      'dashboard.ts',
    ], { cwd: dir, encoding: 'utf8' });
    if (run.error) {
      fail(`schema: cannot run tsc: ${run.error.message}`);
      return;
    }

    const lines = text.split('\n');
    const output = `${run.stdout}${run.stderr}`.trimEnd();
    if (run.status !== 0 && output === '') {
      fail(`schema: tsc exited ${run.status} without a message`);
      return;
    }

    // One error per "file(line,col): error TSnnnn: message" line; indented lines continue its message.
    let current = null;
    const flush = () => {
      if (current) {
        fail(current);
      }
    };
    for (const line of output.split('\n').filter((l) => l.trim() !== '')) {
      const match = /^dashboard\.ts\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      if (match) {
        flush();
        const jsonLine = Number(match[1]) - header.length;
        const context = jsonLine >= 1 && jsonLine <= lines.length ? ` [${lines[jsonLine - 1].trim()}]` : '';
        current = `schema: line ${jsonLine}:${match[2]}: ${match[4]}${context} (${match[3]})`;
      } else if (current && /^\s/.test(line)) {
        current += ` ${line.trim()}`;
      } else {
        flush();
        current = `schema: ${line.trim()}`;
      }
    }
    flush();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function allPanels(dashboard) {
  const panels = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  return panels.flatMap((p) => (p && p.type === 'row' && Array.isArray(p.panels) ? [p, ...p.panels] : [p]));
}

function describe(panel) {
  return `panel ${panel && panel.id !== undefined ? panel.id : '?'} "${panel && panel.title ? panel.title : ''}"`;
}

// 2. Layout and references; returns the queries to check: { where, expr, kind, legend, hidden }.
function checkLayout(dashboard, fail) {
  const variables = new Map();
  const list = dashboard.templating && Array.isArray(dashboard.templating.list) ? dashboard.templating.list : [];
  for (const variable of list) {
    if (variable && typeof variable.name === 'string') {
      if (variables.has(variable.name)) {
        fail(`variable "${variable.name}" is defined twice`);
      }
      variables.set(variable.name, variable);
    }
  }

  const datasourceVariables = [...variables.values()].filter((v) => v.type === 'datasource');
  const checkDatasource = (where, datasource) => {
    if (datasource === undefined || datasource === null) {
      return;
    }
    const uid = datasource.uid;
    const ref = typeof uid === 'string' ? /^\$\{?(\w+)\}?$/.exec(uid) : null;
    if (!ref) {
      fail(`${where}: datasource uid ${JSON.stringify(uid)} is hard-coded; use a datasource variable such as \${datasource}`);
    } else if (!variables.has(ref[1]) || variables.get(ref[1]).type !== 'datasource') {
      fail(`${where}: datasource uid ${uid} names no datasource variable`);
    } else if (datasource.type !== undefined && datasource.type !== variables.get(ref[1]).query) {
      fail(`${where}: datasource type "${datasource.type}" differs from variable ${ref[1]}'s "${variables.get(ref[1]).query}"`);
    }
  };

  const queries = [];
  const substitute = (where, expr) => substituteVariables(expr, variables, (name) =>
    fail(`${where}: unknown template variable $${name}`));

  for (const variable of list) {
    if (!variable || variable.type !== 'query') {
      continue;
    }
    const where = `variable "${variable.name}"`;
    checkDatasource(where, variable.datasource);
    const query = typeof variable.query === 'string' ? variable.query
      : variable.query && typeof variable.query.query === 'string' ? variable.query.query : null;
    if (!query) {
      fail(`${where}: has no query`);
      continue;
    }
    const parsed = parseVariableQuery(query);
    if (!parsed) {
      fail(`${where}: query ${JSON.stringify(query)} is not label_values(...), query_result(...) or metrics(...)`);
      continue;
    }
    if (parsed.expr !== null) {
      queries.push({ where, expr: substitute(where, parsed.expr), kind: parsed.kind, label: parsed.label });
    } else {
      queries.push({ where, expr: null, kind: parsed.kind, label: parsed.label });
    }
  }

  if (datasourceVariables.length === 0) {
    fail('no datasource variable: add one of type "datasource" so the dashboard imports into any Grafana');
  }

  const topLevel = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  const ids = new Map();
  const checkPanel = (panel) => {
    if (!panel || typeof panel !== 'object') {
      fail('a panel is not an object');
      return;
    }
    const where = describe(panel);
    if (typeof panel.id !== 'number') {
      fail(`${where}: has no numeric id`);
    } else if (ids.has(panel.id)) {
      fail(`${where}: duplicate panel id ${panel.id} (also ${describe(ids.get(panel.id))})`);
    } else {
      ids.set(panel.id, panel);
    }

    const g = panel.gridPos;
    if (!g || typeof g !== 'object') {
      fail(`${where}: has no gridPos`);
    } else if (![g.x, g.y, g.w, g.h].every((n) => Number.isInteger(n))) {
      fail(`${where}: gridPos x, y, w and h must be integers`);
    } else if (g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS) {
      fail(`${where}: gridPos {x:${g.x}, w:${g.w}} does not fit the ${GRID_COLUMNS}-column grid (or y/h < 0/1)`);
    }

    checkDatasource(where, panel.datasource);
    if (panel.type === 'row') {
      return;
    }
    if (panel.type === 'text') {
      return;
    }

    const defaults = panel.fieldConfig && panel.fieldConfig.defaults ? panel.fieldConfig.defaults : {};
    if (defaults.unit !== undefined && !KNOWN_UNITS.has(defaults.unit)) {
      fail(`${where}: unit "${defaults.unit}" is not a Grafana unit id`);
    }
    const overrides = panel.fieldConfig && Array.isArray(panel.fieldConfig.overrides) ? panel.fieldConfig.overrides : [];
    for (const override of overrides) {
      for (const property of (override && Array.isArray(override.properties) ? override.properties : [])) {
        if (property && property.id === 'unit' && !KNOWN_UNITS.has(property.value)) {
          fail(`${where}: override unit "${property.value}" is not a Grafana unit id`);
        }
      }
    }

    const targets = Array.isArray(panel.targets) ? panel.targets : [];
    if (targets.length === 0) {
      fail(`${where}: has no queries (targets)`);
    }
    if (panel.datasource === undefined && targets.some((t) => t && t.datasource === undefined)) {
      fail(`${where}: has no datasource (on the panel or on each query)`);
    }
    const refIds = new Set();
    for (const target of targets) {
      const targetWhere = `${where}/${target && target.refId ? target.refId : '?'}`;
      if (!target || typeof target.refId !== 'string') {
        fail(`${targetWhere}: query has no refId`);
      } else if (refIds.has(target.refId)) {
        fail(`${targetWhere}: duplicate refId`);
      } else {
        refIds.add(target.refId);
      }
      if (target && typeof target === 'object') {
        checkDatasource(targetWhere, target.datasource);
        for (const [key, value] of Object.entries(target)) {
          const expected = PROMETHEUS_QUERY_KEYS.get(key);
          if (expected === undefined) {
            fail(`${targetWhere}: unknown query key "${key}"`);
          } else if (Array.isArray(expected) ? !expected.includes(value) : typeof value !== expected) {
            fail(`${targetWhere}: query key "${key}" must be ${Array.isArray(expected) ? expected.map((e) => `"${e}"`).join(' or ') : `a ${expected}`}`);
          }
        }
      }
      if (!target || typeof target.expr !== 'string' || target.expr.trim() === '') {
        fail(`${targetWhere}: query has no PromQL expr`);
        continue;
      }
      queries.push({
        where: targetWhere,
        expr: substitute(targetWhere, target.expr),
        kind: 'panel',
        legend: typeof target.legendFormat === 'string' ? substitute(targetWhere, target.legendFormat) : null,
        hidden: target.hide === true,
      });
    }
  };

  // Collapsed rows keep their panels inside; open rows must not (Grafana shows those panels twice or not at all).
  const overlaps = (group) => {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i].gridPos;
        const b = group[j].gridPos;
        if (!a || !b || ![a, b].every((g) => [g.x, g.y, g.w, g.h].every(Number.isInteger))) {
          continue;
        }
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
          fail(`${describe(group[i])} overlaps ${describe(group[j])}`);
        }
      }
    }
  };

  for (const panel of topLevel) {
    checkPanel(panel);
    if (panel && panel.type === 'row') {
      const inner = Array.isArray(panel.panels) ? panel.panels : [];
      if (!panel.collapsed && inner.length > 0) {
        fail(`${describe(panel)}: an open row holds panels; list them after the row instead`);
      }
      inner.forEach(checkPanel);
      overlaps(inner.filter((p) => p && typeof p === 'object'));
    }
  }
  overlaps(topLevel.filter((p) => p && typeof p === 'object'));

  return queries;
}

// Grafana's forms: $name, ${name}, ${name:format}, [[name]].
function substituteVariables(expr, variables, unknown) {
  return expr.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]/g, (whole, a, b, c) => {
    const name = a || b || c;
    if (/^\d/.test(name)) {
      // label_replace's "$1": a regular expression's group, which Grafana leaves alone too.
      return whole;
    }
    if (BUILT_IN_VARIABLES.has(name)) {
      return BUILT_IN_VARIABLES.get(name);
    }
    const variable = variables.get(name);
    if (!variable) {
      unknown(name);
      return '.*';
    }
    switch (variable.type) {
      case 'constant':
      case 'textbox':
        return typeof variable.query === 'string' ? variable.query : '';
      case 'interval':
        return '1m';
      default:
        // query and custom variables: every value, as the "All" option matches them in a =~ matcher.
        return '.*';
    }
  });
}

function parseVariableQuery(query) {
  const q = query.trim();
  let m = /^label_values\(\s*(\w+)\s*\)$/.exec(q);
  if (m) {
    return { kind: 'label_values', expr: null, label: m[1] };
  }
  m = /^label_values\(([\s\S]+),\s*(\w+)\s*\)$/.exec(q);
  if (m) {
    return { kind: 'label_values', expr: m[1].trim(), label: m[2] };
  }
  m = /^query_result\(([\s\S]+)\)$/.exec(q);
  if (m) {
    return { kind: 'query_result', expr: m[1].trim(), label: null };
  }
  m = /^metrics\(([\s\S]*)\)$/.exec(q);
  if (m) {
    return { kind: 'metrics', expr: null, label: '__name__' };
  }
  return null;
}

// 3. PromQL syntax, offline.
function checkPromql(queries, fail) {
  for (const query of queries) {
    if (query.expr === null) {
      continue;
    }
    const tree = promqlParser.parse(query.expr);
    const errors = [];
    tree.iterate({
      enter: (node) => {
        if (node.type.isError) {
          errors.push(node.from);
        }
      },
    });
    if (errors.length > 0) {
      const at = errors[0];
      fail(`${query.where}: PromQL syntax error at ${at}: ${query.expr.slice(0, at)} ⟨here⟩ ${query.expr.slice(at)}`);
    }
  }
}

// With PROM_URL: every query against the real Prometheus.
async function checkLive(queries, promUrl, requireData, fail) {
  for (const query of queries) {
    let url;
    if (query.expr === null) {
      url = `${promUrl}/api/v1/label/${encodeURIComponent(query.label)}/values`;
    } else {
      url = `${promUrl}/api/v1/query?query=${encodeURIComponent(query.expr)}`;
    }

    let body;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
      body = await response.json();
    } catch (error) {
      fail(`${query.where}: Prometheus at ${promUrl} did not answer: ${error.message}`);
      continue;
    }
    if (body.status !== 'success') {
      fail(`${query.where}: Prometheus rejects ${query.expr}: ${body.errorType}: ${body.error}`);
      continue;
    }
    if (!requireData || query.hidden) {
      continue;
    }

    if (query.expr === null) {
      if (!Array.isArray(body.data) || body.data.length === 0) {
        fail(`${query.where}: no values for label ${query.label}`);
      }
      continue;
    }

    const result = body.data.resultType === 'scalar' || body.data.resultType === 'string' ? [{ metric: {} }] : body.data.result;
    if (!Array.isArray(result) || result.length === 0) {
      fail(`${query.where}: no series for ${query.expr}`);
      continue;
    }
    if (query.kind === 'label_values' && !result.some((s) => s.metric && s.metric[query.label] !== undefined)) {
      fail(`${query.where}: no series of ${query.expr} has label ${query.label}`);
    }
    for (const [, label] of (query.legend || '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      if (!result.some((s) => s.metric && s.metric[label] !== undefined)) {
        fail(`${query.where}: legend names label ${label}, which no series of ${query.expr} has`);
      }
    }
  }
}

process.exitCode = await main(process.argv);
