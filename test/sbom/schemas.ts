/**
 * The official JSON schemas (../shared/fixtures/real-world/schemas, MANIFEST.md there) compiled
 * with ajv 8 and ajv-formats, for the SBOM tests.
 *
 * - CycloneDX 1.6 (draft-07): `bom-1.6.schema.json` with the two schemas it refers to by `$id`,
 *   `spdx.schema.json` (the licence-id enum) and `jsf-0.82.schema.json`, added first. Strict mode
 *   stays on, with two additions the schema needs: the annotation keyword `meta:enum` (descriptions
 *   of enum values) is declared, and the draft 2019-09 formats `iri-reference` and `idn-email`
 *   (which ajv-formats does not have) get plain checks. Paved Path writes neither kind of field.
 * - SPDX 2.3 (draft-07): `spdx-2.3.schema.json` compiles in strict mode as it is.
 *
 * The SPDX schema checks shapes, not meaning (any string is an SPDXID), so `spdxProblems` adds
 * what SPDX 2.3 says in prose: id characters, unique ids, relationships between known elements,
 * the `created` format, licence expressions and LicenseRefs that are declared.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import parseSpdx from 'spdx-expression-parse';
import { REAL_WORLD } from '../support/real-world.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const SCHEMAS = path.join(REAL_WORLD, 'schemas');
const load = (file: string): object => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8'));

let cycloneDx: ValidateFunction | undefined;
let spdx: ValidateFunction | undefined;

function ajv(options: { strictRequired?: boolean } = {}): InstanceType<typeof Ajv> {
  const instance = new Ajv({ strict: true, allErrors: true, ...options });
  addFormats(instance);
  return instance;
}

function messages(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Schema errors of a CycloneDX 1.6 JSON document ([] when valid). */
export function cycloneDxSchemaErrors(document: unknown): string[] {
  if (!cycloneDx) {
    const instance = ajv({ strictRequired: false });
    instance.addKeyword('meta:enum');
    instance.addFormat('iri-reference', /^[^\s\u0000-\u001f]*$/u);
    instance.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    instance.addSchema(load('spdx.schema.json'));
    instance.addSchema(load('jsf-0.82.schema.json'));
    cycloneDx = instance.compile(load('bom-1.6.schema.json'));
  }
  return cycloneDx(document) ? [] : messages(cycloneDx.errors);
}

/** Schema errors of an SPDX 2.3 JSON document ([] when valid). */
export function spdxSchemaErrors(document: unknown): string[] {
  spdx ??= ajv().compile(load('spdx-2.3.schema.json'));
  return spdx(document) ? [] : messages(spdx.errors);
}

interface SpdxLike {
  SPDXID: string;
  creationInfo: { created: string };
  packages: { SPDXID: string; licenseDeclared?: string; licenseConcluded?: string }[];
  relationships?: { spdxElementId: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string }[];
}

function licenseRefs(expression: string): string[] {
  const out: string[] = [];
  const stack: parseSpdx.Info[] = [parseSpdx(expression)];
  while (stack.length > 0) {
    const node = stack.pop() as parseSpdx.Info;
    if ('conjunction' in node) stack.push(node.left, node.right);
    else if (node.license.startsWith('LicenseRef-')) out.push(node.license);
  }
  return out;
}

/** What SPDX 2.3 requires beyond its JSON schema ([] when all holds). */
export function spdxProblems(document: SpdxLike): string[] {
  const problems: string[] = [];
  const ids = new Set<string>([document.SPDXID]);
  for (const p of document.packages) {
    if (!/^SPDXRef-[A-Za-z0-9.-]+$/.test(p.SPDXID)) problems.push(`bad SPDXID ${p.SPDXID}`);
    if (ids.has(p.SPDXID)) problems.push(`duplicate SPDXID ${p.SPDXID}`);
    ids.add(p.SPDXID);
  }
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(document.creationInfo.created)) {
    problems.push(`created ${document.creationInfo.created} is not YYYY-MM-DDThh:mm:ssZ`);
  }
  for (const r of document.relationships ?? []) {
    for (const id of [r.spdxElementId, r.relatedSpdxElement]) {
      if (!ids.has(id)) problems.push(`relationship to unknown element ${id}`);
    }
  }
  const declaredRefs = new Set((document.hasExtractedLicensingInfos ?? []).map((l) => l.licenseId));
  for (const p of document.packages) {
    for (const license of [p.licenseDeclared, p.licenseConcluded]) {
      if (license === undefined || license === 'NOASSERTION' || license === 'NONE') continue;
      try {
        for (const ref of licenseRefs(license)) {
          if (!declaredRefs.has(ref))
            problems.push(`${p.SPDXID}: ${ref} is not in hasExtractedLicensingInfos`);
        }
      } catch {
        problems.push(`${p.SPDXID}: '${license}' is not an SPDX licence expression`);
      }
    }
  }
  return problems;
}
