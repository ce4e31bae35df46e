// js-yaml 3 ships no types; the tests only parse.
declare module "js-yaml" {
  const yaml: { load(text: string): unknown };
  export default yaml;
}
