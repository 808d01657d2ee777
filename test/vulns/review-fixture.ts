// A dependency review with one of everything, for the output tests.
import { type Component, purlFor } from '../../src/inventory/component.js';
import type { DependencyReview } from '../../src/vulns/review-model.js';

const lodash: Component = {
  ecosystem: 'npm',
  name: 'lodash',
  version: '4.17.20',
  purl: purlFor('npm', 'lodash', '4.17.20'),
  direct: true,
  scope: 'prod',
  manifest: 'services/api/package-lock.json',
  line: 42,
  license: 'MIT',
};
const gpl: Component = {
  ...lodash,
  name: 'gpl-thing',
  version: '1.0.0',
  purl: purlFor('npm', 'gpl-thing', '1.0.0'),
  license: 'GPL-3.0-only',
  line: 50,
};

export const REVIEW: DependencyReview = {
  mode: 'pull-request',
  manifests: [
    {
      file: 'services/api/package-lock.json',
      format: 'package-lock.json v3',
      ecosystem: 'npm',
      components: 2,
    },
  ],
  changes: [],
  vulnerable: [
    {
      component: lodash,
      change: 'added',
      vulnerabilities: [
        {
          id: 'GHSA-35jh-r3h4-6jhm',
          aliases: ['CVE-2021-23337'],
          summary: 'Command Injection in lodash <script>@octocat</script>',
          severity: 'high',
          score: 7.2,
          severitySource: 'cvss-v3',
          cwes: [77, 94],
          references: ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm'],
          fixedIn: '4.17.21',
          upgrade: 'npm install lodash@4.17.21',
        },
        {
          id: 'GHSA-p6mc-m468-83gw',
          aliases: [],
          summary: 'Prototype Pollution in lodash',
          severity: 'medium',
          severitySource: 'advisory',
          cwes: [],
          references: [],
        },
      ],
    },
  ],
  unpinned: [{ ecosystem: 'PyPI', name: 'flask', spec: '>=2', manifest: 'requirements.txt', line: 3 }],
  licenses: [
    { component: gpl, reason: 'not-allowed', message: 'GPL-3.0-only is not in allow-licenses (MIT)' },
  ],
  newLicenses: [{ license: 'GPL-3.0-only', components: ['gpl-thing@1.0.0'] }],
  problems: [],
  lookup: { components: 2, source: 'osv-api' },
};
