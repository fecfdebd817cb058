
¯¼ÈØÌ1rec/namespaces/create"*
!containerd.events.NamespaceCreate
rec