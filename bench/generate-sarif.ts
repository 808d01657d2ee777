/**
 * A deterministic, realistic SARIF 2.1.0 log of a given size: 60 rules with CWE tags and
 * security-severity, results spread over a few thousand files with snippets, partial
 * fingerprints on half of them, a uriBaseId, and some non-ASCII text (as real messages have).
 */
export function generateSarif(targetBytes: number): { text: string; results: number } {
  const rules = Array.from({ length: 60 }, (_, i) => ({
    id: `PP${String(i).padStart(3, '0')}`,
    name: `RuleNumber${i}`,
    shortDescription: { text: `Rule ${i}: untrusted data reaches a sensitive sink` },
    fullDescription: { text: `Data from an untrusted source reaches sink ${i} without validation.` },
    helpUri: `https://example.com/rules/${i}`,
    help: { text: 'Validate the input.', markdown: '**Validate** the input.' },
    properties: {
      tags: ['security', `external/cwe/cwe-${[89, 78, 22, 79, 798, 327][i % 6]}`],
      'security-severity': String(((i * 7) % 100) / 10),
    },
  }));
  const parts: string[] = [];
  const head = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'bench-scanner', version: '1.0.0', rules } }, results: [] }],
  });
  const [before, after] = head.split('"results":[]') as [string, string];
  parts.push(`${before}"results":[\n`);
  let size = parts[0]?.length ?? 0;
  let i = 0;
  while (size < targetBytes) {
    const result = JSON.stringify({
      ruleId: `PP${String(i % 60).padStart(3, '0')}`,
      ruleIndex: i % 60,
      level: i % 3 === 0 ? 'error' : 'warning',
      message: {
        text: `User input from request parameter “q${i % 97}” flows into sink in handler${i % 1000}()`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: `services/svc${i % 40}/pkg${i % 200}/file${i % 3000}.go`,
              uriBaseId: '%SRCROOT%',
            },
            region: {
              startLine: (i % 900) + 1,
              startColumn: 9,
              endLine: (i % 900) + 1,
              endColumn: 60,
              snippet: { text: `rows, err := db.Query("SELECT * FROM items WHERE id = " + id${i % 77})` },
            },
          },
        },
      ],
      // Half the results carry a tool fingerprint (as CodeQL's do), half none (as gosec's and
      // ESLint's): both ways of fingerprinting are measured.
      ...(i % 2 === 0
        ? { partialFingerprints: { primaryLocationLineHash: `${((i * 2654435761) >>> 0).toString(16)}:1` } }
        : {}),
    });
    const piece = i === 0 ? result : `,\n${result}`;
    parts.push(piece);
    size += Buffer.byteLength(piece);
    i++;
  }
  parts.push(`\n]${after}`);
  return { text: parts.join(''), results: i };
}
