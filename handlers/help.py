"""`help` and `whoami`, in the person's language."""

from __future__ import annotations

from handlers.context import ChatContext
from handlers.reply import Reply

HELP = """Ask me about KB 821839 in English or French, e.g.
“how long does failover take on a 2003 front-end with NLBSFlags=1?”
Commands:
• check TARGET… — read NLBSFlags (TARGET: host, group or all)
• set nlbsflags 1 on TARGET because REASON — request a change (also: enable fast failover on fe01 because …)
• delete nlbsflags on TARGET because REASON — request removing the value
• approve N [acknowledge] / deny N [REASON] / cancel N — decide on a request (`approve N now`: an admin
  runs it outside the change windows)
• revert N because REASON — request restoring the value change N replaced
• reconcile N — read the host of a change whose outcome is unknown and settle it (approvers)
• change N — show a change;  history [HOST] [by USER] [since 7d] [change N]
• whoami — your user ID and roles
Every request needs a reason of a few words; another person with the approver role approves it."""

HELP_FR = """Posez-moi vos questions sur le KB 821839 en français ou en anglais, p. ex.
« combien de temps dure le basculement sur un serveur frontal 2003 avec NLBSFlags=1 ? »
Commandes :
• vérifier CIBLE… — lire NLBSFlags (CIBLE : hôte, groupe ou tous)
• définir nlbsflags 1 sur CIBLE car RAISON — demander une modification (aussi : activer fast failover sur fe01 car …)
• supprimer nlbsflags sur CIBLE car RAISON — demander la suppression de la valeur
• approuver N [acknowledge] / refuser N [RAISON] / annuler N — décider d'une demande
• rétablir N car RAISON — demander de remettre la valeur que la modification N a remplacée
• modification N — afficher une modification ;  historique [HÔTE] [by USER] [since 7d] [change N]
• qui suis-je — votre identifiant et vos rôles
Chaque demande exige une raison de quelques mots ; une autre personne ayant le rôle d'approbateur l'approuve."""

_ROLES_FR = {"requester": "demandeur", "approver": "approbateur", "admin": "administrateur"}


def handle_help(ctx: ChatContext) -> Reply:
    return Reply(HELP_FR if ctx.lang == "fr" else HELP, ephemeral=True)


def handle_whoami(ctx: ChatContext) -> Reply:
    roles = ctx.services.roles.describe(ctx.user)
    if ctx.lang == "fr":
        held = [fr for en, fr in _ROLES_FR.items() if en in roles.split(", ")]
        shown = ", ".join(held) if held else "aucun rôle (vous pouvez poser des questions et lancer des vérifications)"
        return Reply(f"Vous êtes {ctx.user} : {shown}.", ephemeral=True)
    return Reply(f"You are {ctx.user}: {roles}.", ephemeral=True)
