// ESLint for the map's own front end (geonews/render/static/*.js): run by tests/test_frontend.py.
import js from "@eslint/js";
import globals from "globals";

export default [
    js.configs.recommended,
    {
        files: ["geonews/render/static/**/*.js"],
        languageOptions: {
            ecmaVersion: 2020,
            sourceType: "script",
            globals: {...globals.browser, L: "readonly", module: "readonly"},
        },
        rules: {
            "no-var": "off",
            eqeqeq: "error",
            "no-implicit-globals": "error",
            "no-shadow": "error",
            "no-unused-vars": ["error", {args: "after-used"}],
        },
    },
];
