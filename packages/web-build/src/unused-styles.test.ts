import { describe, expect, it } from 'vitest';
import { classesNamedIn, pruneStylesheet } from './unused-styles';

const used = classesNamedIn(['const classes={root:"m_77c9d27d",inner:"m_80f1301b"};', 'x.className="m_77c9d27d"']);

describe('the stylesheet keeps only the components the scripts use', () => {
  it('finds each component class the scripts name, once', () => {
    expect([...used].sort()).toEqual(['m_77c9d27d', 'm_80f1301b']);
  });

  it('keeps rules of used components, global rules and variables, and drops the rest', () => {
    const css = [
      ':root{--mantine-color-teal-9:#087f5b}',
      'body{margin:0}',
      '.m_77c9d27d{padding:4px}',
      '.m_77c9d27d:where([data-variant=filled]) .m_80f1301b{color:red}',
      '.m_d08caa0{display:grid}',
      '@media (min-width:48em){.m_d08caa0{gap:1rem}}',
      '@keyframes spin{to{transform:rotate(1turn)}}',
    ].join('');
    const pruned = pruneStylesheet(css, used);
    expect(pruned).toContain('--mantine-color-teal-9');
    expect(pruned).toContain('body{margin:0}');
    expect(pruned).toContain('.m_77c9d27d{padding:4px}');
    expect(pruned).toContain('.m_80f1301b{color:red}');
    expect(pruned).toContain('@keyframes spin');
    expect(pruned).not.toContain('m_d08caa0');
    expect(pruned).not.toContain('@media');
  });

  it('drops only the selectors of a shared rule that name unused components', () => {
    expect(pruneStylesheet('.m_77c9d27d,.m_d08caa0,a{color:red}', used)).toBe('.m_77c9d27d,a{color:red}');
  });
});
