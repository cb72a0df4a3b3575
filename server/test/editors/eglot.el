;; Drives `backend-checklist lsp --stdio` from Emacs's eglot (28 + eglot 1.9, batch mode).
;; Run by server/test/emacs.test.ts. Environment: BC_CLI, BC_ROOT (project), BC_OUT (result lines).
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list 'load-path d))
(require 'eglot)
(defvar bc-dir (getenv "BC_ROOT"))
(defvar bc-contact (list "node" (getenv "BC_CLI") "lsp" "--stdio"))
(defvar bc-out nil)
(defun bc-say (fmt &rest args) (push (apply #'format fmt args) bc-out))
(condition-case err
    (progn
      (add-to-list 'eglot-server-programs (cons '(python-mode) bc-contact))
      (find-file (expand-file-name "app.py" bc-dir))
      (python-mode)
      ;; eglot-ensure never fires in batch mode: start it directly.
      (eglot '(python-mode) (cons 'transient bc-dir) 'eglot-lsp-server bc-contact "python")
      (with-timeout (30 (bc-say "TIMEOUT diagnostics"))
        (while (not (flymake-diagnostics)) (accept-process-output nil 0.1)))
      (dolist (d (flymake-diagnostics))
        (bc-say "DIAG %d %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
      (goto-char (flymake-diagnostic-beg (car (flymake-diagnostics))))
      (let* ((actions (eglot-code-actions (point) (1+ (point))))
             (fix (seq-find (lambda (a) (eq (plist-get a :isPreferred) t)) actions)))
        (dolist (a actions) (bc-say "ACTION %s|%s" (plist-get a :title) (if (eq (plist-get a :isPreferred) t) "preferred" "")))
        (when fix
          ;; A multi-file edit asks for confirmation: say yes.
          (cl-letf (((symbol-function 'y-or-n-p) (lambda (&rest _) t)))
            (eglot--apply-workspace-edit (plist-get fix :edit)))
          (bc-say "AFTER %s" (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
          (with-current-buffer (find-file-noselect (expand-file-name ".env.example" bc-dir))
            (bc-say "ENVEXAMPLE %s" (replace-regexp-in-string "\n" "\\\\n" (buffer-string)))))))
  (error (bc-say "ERROR %S" err)))
(with-temp-file (getenv "BC_OUT") (insert (mapconcat #'identity (reverse bc-out) "\n") "\n"))
(kill-emacs 0)
