import { describe, it, expect, beforeAll } from 'vitest';
import { nameMatches, loadPinyin } from './pinyinMatch.js';

describe('nameMatches', () => {
  it('matches text before pinyin is loaded, and pinyin queries only after', async () => {
    expect(nameMatches('机关第一党支部', '第一')).toBe(true);
    expect(nameMatches('机关第一党支部', 'jgdy')).toBe(false);
    await loadPinyin();
    expect(nameMatches('机关第一党支部', 'jgdy')).toBe(true);
  });
  describe('with pinyin', () => {
    beforeAll(loadPinyin);
    it('finds initials, full pinyin and a mix, in any case', () => {
      for (const q of ['jgdy', 'JGDY', 'diyi', 'dydzb', 'dangzhibu', ' zb '])
        expect(nameMatches('机关第一党支部', q), q).toBe(true);
    });
    it('needs the letters to follow one another', () => {
      expect(nameMatches('机关第一党支部', 'jgzb')).toBe(false);
      expect(nameMatches('机关第一党支部', 'xyz')).toBe(false);
    });
    it('empty queries match everything; other text matches as text', () => {
      expect(nameMatches('预算科', '')).toBe(true);
      expect(nameMatches('预算科', undefined)).toBe(true);
      expect(nameMatches('SF1002 王建国', 'sf10')).toBe(true);
      expect(nameMatches('预算科', '科室')).toBe(false);
    });
  });
});
