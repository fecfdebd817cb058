
¯¼ÈØÿ›Éİrec/namespaces/delete"*
!containerd.events.NamespaceDelete
rec