export { default } from "@dx-compat/eslint-config";
