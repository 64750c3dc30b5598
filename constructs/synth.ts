/**
 * Synthesizing a whole cdk8s App in linear time, with the fast YAML writer. cdk8s's
 * `app.synth()` calls `chart.toJson()` for every chart, and each call prepares the whole app
 * again (dependency inference and validation over every construct), so an app of N charts costs
 * O(N²); it then writes YAML with the `yaml` package's document model. Here the app is prepared
 * once, every chart's objects are rendered in the same order, and the files are written by
 * `stringifyManifests` (the same bytes as cdk8s's `Yaml.stringify`; see lib/yaml/stringify.ts).
 *
 * The result is a list of files (`path` relative to `app.outdir`, named as `app.synth()` names
 * them for each `yamlOutputType`); writing them is the caller's job, as lib and constructs do no
 * I/O:
 *
 *   for (const f of synthesizeApp(app)) {
 *     mkdirSync(dirname(join(app.outdir, f.path)), { recursive: true });
 *     writeFileSync(join(app.outdir, f.path), f.content);
 *   }
 *
 * Apps that call `app.synth()` themselves keep working unchanged; this is an opt-in.
 */
import { ApiObject, type App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { stringifyManifests } from '../lib/yaml/stringify.ts';

export interface SynthesizedFile {
  /** Relative to `app.outdir`, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

/** What `app.synth()` would write, as a list of files. Throws what `app.synth()` throws. */
export function synthesizeApp(app: App): SynthesizedFile[] {
  const all = app.node.findAll();
  validate(all);
  const hasDependantCharts = resolveDependencies(all);
  const charts = app.charts;
  // cdk8s validates again when it renders the first chart, after the dependencies are in place.
  if (charts.length > 0) validate(all);
  const ext = app.outputFileExtension;
  const files: SynthesizedFile[] = [];
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP: {
      const objects = charts.flatMap(chartObjects);
      if (charts.length > 0) files.push({ path: `app${ext}`, content: stringifyManifests(...objects) });
      break;
    }
    case YamlOutputType.FILE_PER_CHART: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts)
        files.push({ path: `${name(chart)}${ext}`, content: stringifyManifests(...chartObjects(chart)) });
      break;
    }
    case YamlOutputType.FILE_PER_RESOURCE: {
      for (const chart of charts)
        for (const obj of chartObjects(chart))
          if (obj !== undefined)
            files.push({ path: `${resourceFileName(obj)}${ext}`, content: stringifyManifests(obj) });
      break;
    }
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts) {
        const folder = name(chart);
        for (const obj of chartApiObjects(chart))
          files.push({
            path: `${folder}/${resourceFileName({ kind: obj.kind, metadata: { name: obj.metadata.name } })}${ext}`,
            content: stringifyManifests(obj.toJson()),
          });
      }
      break;
    }
  }
  if ((app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata) {
    const resources: Record<string, { path: string }> = {};
    for (const obj of app.charts.flatMap(chartApiObjects)) resources[obj.name] = { path: obj.node.path };
    files.push({ path: 'construct-metadata.json', content: JSON.stringify({ version: '1.0.0', resources }) });
  }
  return files;
}

/** All charts' objects in one YAML stream: what `app.synthYaml()` returns. */
export function synthYaml(app: App): string {
  const all = app.node.findAll();
  resolveDependencies(all);
  validate(all);
  return stringifyManifests(...app.charts.flatMap(chartObjects));
}

/** A chart's objects as JSON, in the order `chart.toJson()` gives them. */
function chartObjects(chart: Chart): unknown[] {
  // A chart that overrides toJson() gets its own (then app-wide, as in cdk8s) synthesis.
  if (chart.toJson !== Chart.prototype.toJson) return Object.values(chart.toJson());
  return chartApiObjects(chart).map((o) => o.toJson());
}

/** The chart's own API objects (not those of nested charts), in dependency order. */
function chartApiObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

function resourceFileName(obj: unknown): string {
  const o = obj as { kind?: string; metadata?: { name?: string } };
  return `${o.kind}.${o.metadata?.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** cdk8s's chart file names: `<name>`, or `0000-<name>` in order when charts depend on each other. */
function chartNamer(indexed: boolean): (chart: Chart) => string {
  let index = 0;
  return (chart) => {
    const name = Names.toDnsLabel(chart);
    return indexed ? `${(index++).toString().padStart(4, '0')}-${name}` : name;
  };
}

function dependencies(all: readonly IConstruct[]): Array<{ source: IConstruct; target: IConstruct }> {
  const deps: Array<{ source: IConstruct; target: IConstruct }> = [];
  for (const source of all) for (const target of source.node.dependencies) deps.push({ source, target });
  return deps;
}

/** cdk8s's app validation: every construct's validations, all errors in one message. */
function validate(all: readonly IConstruct[]): void {
  const errors: string[] = [];
  for (const child of all)
    for (const error of child.node.validate()) errors.push(`[${child.node.path}] ${error}`);
  if (errors.length > 0)
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * cdk8s's dependency inference (app.js `resolveDependencies`): nested charts and dependencies
 * between constructs of different charts become chart dependencies, and dependencies between
 * constructs become dependencies between their API objects. Returns whether any chart depends on
 * another (which switches chart file names to the indexed form).
 */
function resolveDependencies(all: readonly IConstruct[]): boolean {
  let hasDependantCharts = false;
  for (const parent of all) {
    if (!(parent instanceof Chart)) continue;
    for (const child of parent.node.children) {
      if (child instanceof Chart) {
        parent.node.addDependency(child);
        hasDependantCharts = true;
      }
    }
  }
  for (const { source, target } of dependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  // Listed again: the chart dependencies just added spread to the charts' objects too.
  for (const { source, target } of dependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targets = target.node
      .findAll()
      .filter((c) => c instanceof ApiObject && Chart.of(c) === targetChart);
    const sources = source.node
      .findAll()
      .filter((c) => c instanceof ApiObject && Chart.of(c) === sourceChart);
    for (const t of targets) for (const s of sources) if (t !== s) s.node.addDependency(t);
  }
  return hasDependantCharts;
}
