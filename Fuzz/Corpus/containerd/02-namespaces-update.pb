
¯¼ÈØµœú>rec/namespaces/update"9
!containerd.events.NamespaceUpdate
rec
teaminfra