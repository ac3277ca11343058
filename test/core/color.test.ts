import { expect } from '@open-wc/testing';
import { contrastRatio, readableTextColor } from '../../src/core/color.js';
import { legibleOn, mixHex } from '../../src/core/color-legible.js';
import { PALETTE } from '../../src/ui/palette.js';

/** Every 15th step of each channel: 5 832 colours from black to white. */
function* colours(): Generator<string> {
  const hex = (v: number) => Math.min(255, v).toString(16).padStart(2, '0');
  for (let r = 0; r <= 255; r += 15)
    for (let g = 0; g <= 255; g += 15) for (let b = 0; b <= 255; b += 15) yield `#${hex(r)}${hex(g)}${hex(b)}`;
}

describe('colours', () => {
  it('gives any background a text colour of 4.5:1 or more', () => {
    const worst = Math.min(...[...colours()].map((c) => contrastRatio(c, readableTextColor(c))));
    expect(worst).to.be.at.least(4.5);
  });

  it('mixes two colours channel by channel', () => {
    expect(mixHex('#000000', '#ffffff', 0)).to.equal('#000000');
    expect(mixHex('#000000', '#ffffff', 1)).to.equal('#ffffff');
    expect(mixHex('#204060', '#ffffff', 0.5)).to.equal('#90a0b0');
  });

  it('keeps a colour that is legible already, and makes any other legible on both surfaces of each scheme', () => {
    expect(legibleOn('#1b1f23', ['#ffffff'], '#000000')).to.equal('#1b1f23');
    for (const [i, toward] of [
      [0, '#000000'],
      [1, '#ffffff'],
    ] as const) {
      const surfaces = [PALETTE.surface[i], PALETTE['surface-alt'][i]];
      for (const c of colours()) {
        const accent = legibleOn(c, surfaces, toward);
        for (const s of surfaces) expect(contrastRatio(accent, s), `${c} → ${accent} on ${s}`).to.be.at.least(4.5);
      }
    }
  });

  it('holds every text token at 4.5:1 on both surfaces, light and dark', () => {
    for (const i of [0, 1] as const)
      for (const text of [PALETTE.text[i], PALETTE.muted[i], PALETTE.danger[i]])
        for (const s of [PALETTE.surface[i], PALETTE['surface-alt'][i]])
          expect(contrastRatio(text, s), `${text} on ${s}`).to.be.at.least(4.5);
  });
});
