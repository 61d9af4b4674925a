import type { Plugin } from 'vite';

interface OutputChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
  isEntry?: boolean;
}

/**
 * Starts downloading the home screen's chunks together with the entry script
 * (instead of after it has run) when the page opens on the home screen. A
 * tablet opening a drill or the logs does not fetch them.
 */
export function preloadHomeScreen(screen = 'src/home/HomeScreen.tsx'): Plugin {
  return {
    name: 'defuse-preload-home',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle as Record<string, OutputChunkLike> | undefined;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const home = chunks.find((c) => c.facadeModuleId?.endsWith(screen));
        if (!home) return html;
        const files = new Set<string>();
        const visit = (chunk: OutputChunkLike) => {
          if (chunk.isEntry || files.has(chunk.fileName)) return;
          files.add(chunk.fileName);
          for (const name of chunk.imports ?? []) {
            const dep = bundle[name];
            if (dep) visit(dep);
          }
        };
        visit(home);
        const hrefs = JSON.stringify([...files].map((f) => `/${f}`));
        const script =
          `<script>(function(){if(/^#\\/(drill|logs|debrief)/.test(location.hash))return;` +
          `${hrefs}.forEach(function(h){var l=document.createElement('link');` +
          `l.rel='modulepreload';l.href=h;l.crossOrigin='';document.head.appendChild(l);});})();</script>`;
        return html.replace('</head>', `${script}\n  </head>`);
      },
    },
  };
}
