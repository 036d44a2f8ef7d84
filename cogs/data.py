"""/data: import history from another app, export everything, or be forgotten.

Every answer is private. Import and forget ask first, with buttons only the person can
press that expire; nothing is written before they confirm.
"""

from __future__ import annotations

import io

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.rate_limits import heavy
from coach.imports.preview import preview_lines
from coach.problems import UserError
from cogs._common import BRAND, WARNING, ConfirmView, LegDayCog, timestamp
from cogs._installs import personal_group, server_id
from services import data as service
from services.data import NO_ZONE

MAP_HINT = (
    "import again with `map:` and the exercise each counts as (e.g. `map:Jefferson Curl = "
    "rdl; High Row = cable row`), or describe it with `/exercise add`"
)


class Data(LegDayCog):
    data = app_commands.Group(
        name="data", description="Your data: import, export, forget", **personal_group()
    )

    @data.command(name="import", description="Import a Strong, Hevy, FitNotes or Liftosaur CSV")
    @heavy()
    @app_commands.rename(mapping="map")
    @app_commands.describe(
        file="Your app's CSV export (up to 20 MB)",
        mapping="Names the catalog doesn't match, as `name = exercise; name = exercise`",
        undo="True: remove the sets of your last import instead",
    )
    async def import_(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment | None = None,
        mapping: app_commands.Range[str, 1, 1500] | None = None,
        undo: bool = False,
    ) -> None:
        if undo:
            return await self._undo(interaction)
        if file is None:
            raise UserError(
                "Attach your export: `/data import file:` with a CSV from Strong, Hevy, "
                "FitNotes or Liftosaur."
            )
        service.check_size(file.size)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        planned = await service.preview(
            self.bot.store,
            data,
            person_id=interaction.user.id,
            filename=file.filename,
            guild_id=server_id(interaction),
            mapping=mapping,
            now=self.bot.clock.now(),
        )
        summary = planned.summary
        embed = discord.Embed(
            title=f"Import {file.filename}?" if summary.sets else "Nothing new to import",
            description="\n".join(preview_lines(summary, map_hint=MAP_HINT)),
            colour=BRAND,
        )
        if not summary.sets:
            await interaction.followup.send(embed=embed, ephemeral=True)
            return

        async def confirmed(button: discord.Interaction) -> None:
            done = await service.write(self.bot.store, planned, data)
            text = (
                f"Imported {done.sets:,} sets from {done.format}. "
                "`/data import undo:True` removes them again."
                if done
                else NO_ZONE
            )
            await button.response.edit_message(content=text, embed=None, view=None)

        view = ConfirmView(
            interaction.user.id,
            confirmed,
            confirm_label=f"Import {summary.sets:,} sets",
            cancel_label="Cancel",
        )
        view.confirm.style = discord.ButtonStyle.success
        await interaction.followup.send(embed=embed, view=view, ephemeral=True)
        view.origin = interaction

    async def _undo(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id
        record = await service.last_import(self.bot.store, user_id)

        async def confirmed(button: discord.Interaction) -> None:
            removed = await service.undo_import(self.bot.store, user_id, record)
            text = f"Removed {removed:,} imported sets." if removed else "Already removed."
            await button.response.edit_message(content=text, embed=None, view=None)

        embed = discord.Embed(
            title="Undo your last import?",
            description=(
                f"{record.sets:,} sets from {record.format} ({record.filename}), "
                f"imported {timestamp(record.at, 'R')}."
            ),
            colour=WARNING,
        )
        view = ConfirmView(user_id, confirmed, confirm_label="Remove them")
        await view.show(interaction, embed=embed)

    @data.command(name="export", description="Get your sets (Strong CSV) and all your data (JSON)")
    @heavy()
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        user_id = interaction.user.id
        # Years of sets make large files: written apart, never on the event loop.
        sets, everything = await service.export(self.bot.store, user_id)
        files = [
            discord.File(io.BytesIO(sets), filename="legday-sets.csv"),
            discord.File(io.BytesIO(everything), filename="legday-data.json"),
        ]
        await interaction.followup.send(
            "Your data, only for you: your sets in Strong's CSV layout, each weight with its "
            "unit (`/data import` reads it back as it is, in kg or lb) and everything Leg "
            "Day holds about you as JSON.",
            files=files,
            ephemeral=True,
        )

    @data.command(
        name="forget", description="Delete everything Leg Day holds about you (asks first)"
    )
    async def forget_me(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id

        async def confirmed(button: discord.Interaction) -> None:
            touched = await service.forget(self.bot.store, user_id)
            text = (
                "Done: Leg Day has deleted everything it held about you, and you are gone "
                "from future reports and challenge boards."
                if touched
                else "Leg Day held nothing about you."
            )
            await button.response.edit_message(content=text, embed=None, view=None)

        embed = discord.Embed(
            title="Delete everything about you?",
            description=(
                "Your sets, check-ins, settings, reminders, custom exercises, imports, "
                "challenge memberships and badges go for good. Run `/data export` first to "
                "keep a copy."
            ),
            colour=WARNING,
        )
        view = ConfirmView(user_id, confirmed, confirm_label="Delete everything")
        await view.show(interaction, embed=embed)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Data(bot))
