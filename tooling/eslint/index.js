import tseslint from "typescript-eslint";

// The house rules (docs/ARCHITECTURE.md, "Rules"), enforced rather than written down:
// - library source never prints: no console.* in packages/*/src;
// - `globalThis`, never Node's `global`;
// - no `const enum` (breaks isolated transpilers) and no `export =` (CJS-only typing);
// - no ad-hoc "not implemented" throws: use the shared notImplemented() helper.
const houseSyntax = [
  { selector: "TSEnumDeclaration[const=true]", message: "No const enum: isolated transpilers cannot inline it." },
  { selector: "TSExportAssignment", message: "No `export =`: packages are ESM." },
  {
    selector: "NewExpression[callee.name='Error'] > Literal[value=/^(not implemented|unimplemented|todo)/i]",
    message: "Use notImplemented(api, why) from the package's errors module.",
  },
];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "native/target/**", "**/*.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "global", message: "Use globalThis." },
        { name: "Bun", message: "There is no Bun global on Node: import what you need." },
      ],
      "no-restricted-syntax": ["error", ...houseSyntax],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { disallowTypeAnnotations: false }],
    },
  },
  {
    // The examples are Bun programs, written as for Bun: its global is what they show off.
    files: ["examples/**"],
    rules: { "no-restricted-globals": ["error", { name: "global", message: "Use globalThis." }] },
  },
  {
    files: ["packages/*/src/**", "src/**"],
    rules: { "no-console": "error" },
  },
);
