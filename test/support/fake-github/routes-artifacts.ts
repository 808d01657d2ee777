// Workflow run artifacts and their (fake) blob-storage download.
import { errorReply, json, listReply, notFound } from './http.js';
import { DOCS, num, param, REPO, type Route } from './route-kit.js';
import { renderArtifact } from './shapes.js';

/** Where the zip redirect points: served by the fake itself, like GitHub's signed blob URL. */
export const DOWNLOAD_PREFIX = '/_fake/artifact-downloads/';

export const artifactRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs/(?<run>\\d+)/artifacts$`),
    docs: `${DOCS}/actions/artifacts#list-workflow-run-artifacts`,
    handle(ctx) {
      const name = ctx.url.searchParams.get('name');
      const all = ctx.render.state.runArtifacts(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'run'));
      const list = name === null ? all : all.filter((a) => a.name === name);
      const page = listReply(list, ctx.url, (a) => renderArtifact(ctx.render, a));
      return { ...page, body: { total_count: list.length, artifacts: page.body } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/artifacts/(?<id>\\d+)$`),
    docs: `${DOCS}/actions/artifacts#get-an-artifact`,
    handle(ctx) {
      const artifact = ctx.render.state.artifact(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'id'));
      return artifact ? json(200, renderArtifact(ctx.render, artifact)) : notFound();
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/artifacts/(?<id>\\d+)/(?<format>[^/]+)$`),
    docs: `${DOCS}/actions/artifacts#download-an-artifact`,
    handle(ctx) {
      const artifact = ctx.render.state.artifact(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'id'));
      if (!artifact || param(ctx, 'format') !== 'zip') return notFound();
      if (artifact.expired) return errorReply(410, 'Artifact has expired', this.docs);
      const signature = artifact.digest.slice('sha256:'.length, 'sha256:'.length + 16);
      return {
        status: 302,
        headers: { location: `${ctx.render.apiUrl}${DOWNLOAD_PREFIX}${artifact.id}?sig=${signature}` },
      };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${DOWNLOAD_PREFIX}(?<id>\\d+)$`),
    docs: DOCS,
    handle(ctx) {
      const artifact = ctx.render.state.artifacts.find((a) => a.id === num(ctx, 'id'));
      if (!artifact) return notFound();
      const headers = {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename=${artifact.name}.zip`,
      };
      return { status: 200, raw: artifact.data, headers };
    },
  },
];
