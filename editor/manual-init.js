window.CMS_MANUAL_INIT = true; // read by decap-cms.js when it loads: krat-editor.js starts it, after the Albanian locale
