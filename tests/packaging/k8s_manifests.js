// Reads a YAML stream (`helm template` output) on stdin and prints JSON on stdout:
//   {"documents": [...parsed objects...], "errors": ["<Kind>/<name>: <problem>", ...],
//    "configFiles": {"<ConfigMap name>/<key>": <parsed YAML of each *.yaml data entry>}}
// Each document is parsed strictly (duplicate keys are errors) and validated against the
// Kubernetes OpenAPI schemas of kubernetes-models (core/apps) and
// @kubernetes-models/prometheus-operator (ServiceMonitor, PrometheusRule).
// NODE_PATH must point at the node_modules that scripts/install-packaging-tools.sh installed.
'use strict';
const YAML = require('yaml');

const kModelPackages = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const base = kModelPackages[group] || 'kubernetes-models';
  const path = group ? `${base}/${group}/${version}/${kind}` : `${base}/${version}/${kind}`;
  return require(path)[kind];
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const documents = [];
  const errors = [];
  const configFiles = {};
  for (const doc of YAML.parseAllDocuments(input, { uniqueKeys: true })) {
    if (doc.errors.length) {
      errors.push(...doc.errors.map((e) => `yaml: ${e.message}`));
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    documents.push(obj);
    const where = `${obj.kind}/${obj.metadata && obj.metadata.name}`;
    let Model;
    try {
      Model = loadModel(String(obj.apiVersion), String(obj.kind));
    } catch (e) {
      errors.push(`${where}: no schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }
    if (obj.kind === 'ConfigMap') {
      for (const [key, text] of Object.entries(obj.data || {})) {
        if (!key.endsWith('.yaml')) continue;
        const file = YAML.parseDocument(text, { uniqueKeys: true });
        if (file.errors.length) {
          errors.push(...file.errors.map((e) => `${where} ${key}: ${e.message}`));
        } else {
          configFiles[`${obj.metadata.name}/${key}`] = file.toJS();
        }
      }
    }
  }
  process.stdout.write(JSON.stringify({ documents, errors, configFiles }));
});
