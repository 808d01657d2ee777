import { describe, expect, it } from '@jest/globals';
import { parsePomXml } from '../../../src/inventory/maven.js';

const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.example</groupId>
    <artifactId>parent</artifactId>
    <version>2.0.0</version>
  </parent>
  <artifactId>app</artifactId>
  <properties>
    <jackson.version>2.17.0</jackson.version>
    <jackson.core>\${jackson.version}</jackson.core>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.slf4j</groupId>
        <artifactId>slf4j-api</artifactId>
        <version>2.0.9</version>
        <scope>provided</scope>
      </dependency>
      <dependency>
        <groupId>org.unused</groupId>
        <artifactId>managed-only</artifactId>
        <version>1.0</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>\${jackson.core}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>sibling</artifactId>
      <version>\${project.version}</version>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>from-parent</artifactId>
      <version>\${project.parent.version}-extra</version>
    </dependency>
    <dependency>
      <groupId>org.ranged</groupId>
      <artifactId>ranged</artifactId>
      <version>[1.0,2.0)</version>
    </dependency>
    <dependency>
      <groupId>org.exact</groupId>
      <artifactId>exact</artifactId>
      <version>[1.5]</version>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>org.managed</groupId>
      <artifactId>by-parent</artifactId>
    </dependency>
    <dependency>
      <groupId>org.props</groupId>
      <artifactId>undefined-prop</artifactId>
      <version>\${not.defined}</version>
    </dependency>
  </dependencies>
  <profiles>
    <profile>
      <id>extra</id>
      <dependencies>
        <dependency>
          <groupId>org.profile</groupId>
          <artifactId>in-profile</artifactId>
          <version>3.0</version>
        </dependency>
      </dependencies>
    </profile>
  </profiles>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.11.0</version>
        <dependencies>
          <dependency>
            <groupId>org.plugin</groupId>
            <artifactId>plugin-dep</artifactId>
            <version>1.0</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
`;

describe('parsePomXml', () => {
  const p = parsePomXml(POM, 'app/pom.xml');

  it('declared dependencies, with properties resolved, managed versions used, on their <dependency> line', () => {
    expect(p.format).toBe('pom.xml');
    expect(p.components.map((c) => [c.name, c.version, c.scope, c.direct, c.line])).toEqual([
      ['com.fasterxml.jackson.core:jackson-databind', '2.17.0', 'prod', true, 30],
      ['org.slf4j:slf4j-api', '2.0.9', 'dev', true, 35],
      ['junit:junit', '4.13.2', 'dev', true, 39],
      ['com.example:from-parent', '2.0.0-extra', 'prod', true, 50],
      ['org.exact:exact', '1.5', 'prod', true, 60],
      ['org.profile:in-profile', '3.0', 'prod', true, 80],
    ]);
    expect(p.components[0]?.purl).toBe('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0');
  });

  it('leaves out plugins, managed-only entries and sibling modules (the project groupId at its version)', () => {
    const names = p.components.map((c) => c.name);
    expect(names).not.toContain('org.plugin:plugin-dep');
    expect(names).not.toContain('org.unused:managed-only');
    expect(names).not.toContain('com.example:sibling');
  });

  it('reports a version range as unpinned', () => {
    expect(p.unpinned).toEqual([
      { ecosystem: 'Maven', name: 'org.ranged:ranged', spec: '[1.0,2.0)', manifest: 'app/pom.xml', line: 55 },
    ]);
  });

  it('warns about versions it cannot know without the parent POM, and makes no component', () => {
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 66,
        message: expect.stringContaining(
          'org.managed:by-parent has no version here: it is managed by the parent POM',
        ),
      }),
      expect.objectContaining({
        level: 'warning',
        line: 70,
        message: expect.stringContaining('${not.defined} is not defined'),
      }),
    ]);
    expect(p.problems[0]?.message).toContain('the effective version needs the parent POM');
  });

  it('uses the parent POMs given: their properties and managed versions', () => {
    const parent = `<project><groupId>com.example</groupId><artifactId>parent</artifactId><version>2.0.0</version>
      <properties><not.defined>9.9</not.defined></properties>
      <dependencyManagement><dependencies>
        <dependency><groupId>org.managed</groupId><artifactId>by-parent</artifactId><version>4.4</version><scope>test</scope></dependency>
      </dependencies></dependencyManagement></project>`;
    const q = parsePomXml(POM, 'app/pom.xml', [parent]);
    expect(q.problems).toEqual([]);
    expect(q.components.find((c) => c.name === 'org.managed:by-parent')).toMatchObject({
      version: '4.4',
      scope: 'dev',
      line: 66,
    });
    expect(q.components.find((c) => c.name === 'org.props:undefined-prop')).toMatchObject({ version: '9.9' });
  });

  it('a parent POM that does not parse is a warning', () => {
    const q = parsePomXml(POM, 'app/pom.xml', ['<project>']);
    expect(q.problems[0]).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('parent POM 1'),
    });
  });

  it('says when no parent or BOM could give a missing version', () => {
    const q = parsePomXml(
      '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></dependencies></project>',
      'pom.xml',
    );
    expect(q.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 1,
        message: 'a:b has no version and no <dependencyManagement> entry gives one: it is not checked',
      }),
    ]);
  });

  it('takes names that are Object properties, and elements named __proto__ or constructor, as data', () => {
    const q = parsePomXml(
      `<project>
  <properties><__proto__>1.0</__proto__><constructor>2.0</constructor></properties>
  <dependencies>
    <dependency><groupId>__proto__</groupId><artifactId>constructor</artifactId><version>3.0</version></dependency>
  </dependencies>
  <build><plugins><plugin><configuration><__proto__><polluted>yes</polluted></__proto__></configuration></plugin></plugins></build>
</project>`,
      'pom.xml',
    );
    expect(q.problems).toEqual([]);
    expect(q.components.map((c) => [c.name, c.version, c.line])).toEqual([
      ['__proto__:constructor', '3.0', 4],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [
      '<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n',
      4,
      'Expected closing tag',
    ],
    ['<project>\n  <a>x &</a>\n', 2, 'not valid XML'],
    ['<?xml version="1.0"?>\n<settings></settings>\n', 1, 'not a Maven POM'],
    ['', 1, 'not valid XML'],
  ])('a broken pom.xml is an error with its line: %j', (text, line, message) => {
    const q = parsePomXml(text, 'pom.xml');
    expect(q.components).toEqual([]);
    expect(q.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        line,
        message: expect.stringContaining(message),
        hint: expect.any(String),
      }),
    ]);
  });
});
