/** The part of jStat (no bundled types) that Broadsheet uses. */
declare module 'jstat' {
  const jStat: {
    /** The regularized incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
  };
  export default jStat;
}
