import { compileScenario } from '../../compile';
import { choiceOption, expectPositionals, parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, type CliIo, type Command } from '../command';
import { loadScenario } from '../files';
import { toDot, toMermaid } from '../render-graph';

const FORMATS = ['mermaid', 'dot', 'xstate'] as const;

/** `defuse graph`: the beat graph as Mermaid, Graphviz dot, or the compiled XState config. */
export const graphCommand: Command = {
  name: 'graph',
  summary: 'Draw the beat graph (Mermaid, Graphviz dot, or the XState machine config)',
  usage: `defuse graph <file> [--format mermaid|dot|xstate] [--ids]

Prints the scenario's beat graph:
  mermaid   a Mermaid flowchart (default): beats as boxes, outcomes as rounded
            boxes (red when force or injury), forks (branches, chance,
            INSTRUCTOR) as diamonds, timers as dashed arrows, arrows coloured
            by rating and labelled with the choice
  dot       the same as a Graphviz digraph (render with: dot -Tsvg)
  xstate    the compiled XState v5 machine config as JSON, for XState's tools

Options:
  --format F   mermaid, dot or xstate
  --ids        label arrows with choice ids instead of their words

Example:
  defuse graph scenarios/library-agitated-patron.scenario.json --format dot | dot -Tsvg > graph.svg`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', short: 'f' },
      ids: { type: 'boolean' },
    });
    expectPositionals(positionals, ['scenario file']);
    const format = choiceOption('format', values.format, FORMATS) ?? 'mermaid';
    const scenario = loadScenario(io, positionals[0]!);
    if (!scenario) return EXIT_FAILED;
    const options = { ids: values.ids ?? false };
    if (format === 'xstate') io.out(JSON.stringify(compileScenario(scenario).config, null, 2));
    else io.out(format === 'dot' ? toDot(scenario, options) : toMermaid(scenario, options));
    return EXIT_OK;
  },
};
