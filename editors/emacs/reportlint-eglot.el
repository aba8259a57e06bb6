;;; reportlint-eglot.el --- reportlint in Emacs through eglot  -*- lexical-binding: t; -*-
;; The set-up the README shows: eglot (built into Emacs 29; `elpa-eglot' or M-x package-install
;; on 28) starts `reportlint lsp --stdio' for text, Markdown and HTML buffers; findings appear
;; through Flymake, quick fixes through M-x eglot-code-actions.
(require 'eglot)
(add-to-list 'eglot-server-programs
             '((text-mode markdown-mode html-mode mhtml-mode) . ("reportlint" "lsp" "--stdio")))
;; start it by itself in those buffers (or run M-x eglot once in a buffer)
(dolist (hook '(text-mode-hook markdown-mode-hook html-mode-hook mhtml-mode-hook))
  (add-hook hook #'eglot-ensure))
;; messages in English instead of Chinese:
;; (setq-default eglot-workspace-configuration '(:reportlint (:lang "en")))
;;; reportlint-eglot.el ends here
